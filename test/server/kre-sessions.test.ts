import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { addMember, createOrganization, createUser } from '../../src-server/services/provisioning';
import { activateOk, activateRefused, checkoutSession } from './api';
import { call } from './helpers';

describe.each(DB_KINDS)('KRE session licenses (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const kreOrg = async (quota: number, machineQuota: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota, machineQuota });
    return org;
  };

  it('R20 any member with an API key activates KRE, and activating again refreshes the same activation', async () => {
    const org = await kreOrg(2, 5);
    const machine = fakeMachine();
    const first = await activateOk(server.app, org.member.apiKey, 'kre', machine);
    expect(first.licenseKind).toBe('session');
    expect(first.session).toBeNull();
    const again = await activateOk(server.app, org.member.apiKey, 'kre', machine);
    expect(again.activationId).toBe(first.activationId);
  });

  it('R22 refuses a third machine when both licenses are reserved; deactivating a machine ID frees one', async () => {
    const org = await kreOrg(2, 5);
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    const second = fakeMachine();
    await activateOk(server.app, org.admin.apiKey, 'kre', second);
    const third = fakeMachine();
    const refused = await activateRefused(server.app, org.owner.apiKey, 'kre', third);
    expect(refused).toMatchObject({ status: 409, code: 'LICENSE_QUOTA_EXCEEDED' });
    expect(refused.message).toMatch(/deactivate a machine ID/);
    const off = await call(server.app, 'DELETE', `/v1/activations/${second.machineId}?productId=kre`, {
      key: org.admin.apiKey,
    });
    expect(off.body).toMatchObject({ deactivated: true });
    await activateOk(server.app, org.owner.apiKey, 'kre', third);
  });

  it('R21 registered machine IDs cannot exceed the machine quota', async () => {
    const org = await kreOrg(5, 2);
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    const refused = await activateRefused(server.app, org.member.apiKey, 'kre', fakeMachine());
    expect(refused).toMatchObject({ status: 409, code: 'MACHINE_QUOTA_EXCEEDED' });
  });

  it('R21 parallel sessions cannot exceed the license quota; terminating a session frees its license (R22)', async () => {
    const org = await kreOrg(2, 5);
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const a = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    const b = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const c = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    expect(c.ok ? 'granted' : c.error.code).toBe('SESSION_QUOTA_EXCEEDED');
    if (!a.ok) throw new Error('unreachable');
    const released = await call(server.app, 'DELETE', `/v1/sessions/${a.value.session.id}`, {
      key: org.member.apiKey,
    });
    expect(released.body).toMatchObject({ released: true });
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
  });

  it('refuses a session on a machine that was never activated', async () => {
    const org = await kreOrg(2, 5);
    const res = await checkoutSession(server.app, org.member.apiKey, 'kre', fakeMachine().machineId);
    expect(res.ok ? 'granted' : res.error.code).toBe('UNKNOWN_MACHINE');
  });

  it('refuses a product the organization does not subscribe to', async () => {
    const org = await kreOrg(2, 5);
    const refused = await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine());
    expect(refused).toMatchObject({ status: 403, code: 'PRODUCT_NOT_SUBSCRIBED' });
  });

  it('R13 a member of a sub-organization uses the licenses of the organization above it, never another account’s', async () => {
    const org = await kreOrg(2, 5);
    const child = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Team',
      parentId: org.orgId,
    });
    const user = await createUser(server.ctx.db, {
      email: `team-${Date.now()}@example.test`,
      name: 'Team member',
    });
    await addMember(server.ctx.db, { orgId: child, userId: user.userId, role: 'member' });
    const activation = await activateOk(server.app, user.apiKey, 'kre', fakeMachine());
    expect(activation.organizationId).toBe(org.orgId);
    const refused = await activateRefused(server.app, org.outsider.apiKey, 'kre', fakeMachine());
    expect(refused.code).toBe('PRODUCT_NOT_SUBSCRIBED');
  });

  it('R2 any member may use a session of a cloud session product; purchased is the most active at once', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'testcloud-desktop-browser',
      kind: 'session',
      quota: 1,
    });
    const a = (await activateOk(server.app, org.member.apiKey, 'testcloud-desktop-browser', fakeMachine()))
      .machineId;
    const b = (await activateOk(server.app, org.admin.apiKey, 'testcloud-desktop-browser', fakeMachine()))
      .machineId;
    const first = await checkoutSession(server.app, org.member.apiKey, 'testcloud-desktop-browser', a);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const second = await checkoutSession(server.app, org.admin.apiKey, 'testcloud-desktop-browser', b);
    expect(second.ok ? 'granted' : second.error.code).toBe('SESSION_QUOTA_EXCEEDED');
    await call(server.app, 'DELETE', `/v1/sessions/${first.value.session.id}`, { key: org.member.apiKey });
    expect((await checkoutSession(server.app, org.admin.apiKey, 'testcloud-desktop-browser', b)).ok).toBe(
      true,
    );
  });
});
