import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { OfflineLicenseResponse } from '../../shared/contracts/http/offline-licenses';
import { subscriptionDetailsSchema } from '../../shared/contracts/ipc-admin-licenses';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { expectOk } from './admin/admin-kit';
import { activateOk, activateRefused, checkoutSession, createOffline, grantSeat } from './api';
import { call, refusal } from './helpers';

// The five ways licenses were used beyond their quota: each is pinned here on both databases.
describe.each(DB_KINDS)('every license use counted once (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const orgWith = async (productId: string, kind: string, quota: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId, kind, quota, machineQuota: 20 });
    return org;
  };
  const heartbeat = (key: string, sessionId: string) =>
    call(server.app, 'POST', `/v1/sessions/${sessionId}/heartbeat`, { key });

  it('R26 refuses a fourth machine at activation, with no lease', async () => {
    const org = await orgWith('kse', 'floating', 1);
    const machines = [fakeMachine(), fakeMachine(), fakeMachine()];
    for (const m of machines) {
      await activateOk(server.app, org.member.apiKey, 'kse', m);
      const s = await checkoutSession(server.app, org.member.apiKey, 'kse', m.machineId);
      if (!s.ok) throw new Error(JSON.stringify(s.error));
      await call(server.app, 'DELETE', `/v1/sessions/${s.value.session.id}`, { key: org.member.apiKey });
    }
    const fourth = await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine());
    expect(fourth).toMatchObject({ status: 409, code: 'FLOATING_MACHINE_LIMIT' });
    expect(fourth).not.toHaveProperty('lease');
    // A machine the license already spans still activates.
    await activateOk(server.app, org.member.apiKey, 'kse', machines[0] ?? fakeMachine());
  });

  it('R26 refuses a fourth machine at activation even before any session ran', async () => {
    const org = await orgWith('kse', 'floating', 1);
    for (let i = 0; i < 3; i++) await activateOk(server.app, org.member.apiKey, 'kse', fakeMachine());
    const fourth = await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine());
    expect(fourth.code).toBe('FLOATING_MACHINE_LIMIT');
  });

  it('R23 removing a seat ends its session, refuses its next heartbeat and checkout: quota 2 never has 3 live sessions', async () => {
    const org = await orgWith('kse', 'per-user', 2);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const laptop = fakeMachine();
    const first = await activateOk(server.app, org.member.apiKey, 'kse', laptop);
    const removed = await call(
      server.app,
      'DELETE',
      `/v1/orgs/${org.orgId}/seats/${org.member.userId}?productId=kse`,
      { key: org.admin.apiKey },
    );
    expect(removed.status).toBe(200);
    const beat = await heartbeat(org.member.apiKey, first.session?.id ?? '');
    expect(beat.status).toBe(409);
    expect(refusal(beat.body).code).toBe('SEAT_REMOVED');
    const checkout = await checkoutSession(server.app, org.member.apiKey, 'kse', laptop.machineId);
    expect(checkout.ok ? 'granted' : checkout.error.code).toBe('SEAT_REMOVED');
    const refresh = await activateRefused(server.app, org.member.apiKey, 'kse', laptop);
    expect(refresh.code).toBe('SEAT_REMOVED');

    for (const user of [org.admin, org.owner]) {
      expect((await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', user.userId)).ok).toBe(true);
      expect((await activateOk(server.app, user.apiKey, 'kse', fakeMachine())).session).not.toBeNull();
    }
    const live = await server.ctx.db
      .selectFrom('sessions as s')
      .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
      .select('s.id')
      .where('sub.org_id', '=', org.orgId)
      .where('s.ended_at', 'is', null)
      .execute();
    expect(live).toHaveLength(2);
  });

  it('R9 R21 KRE checkout counts offline licenses: quota 2 with one offline license allows one online session', async () => {
    const org = await orgWith('kre', 'session', 2);
    const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    expect(offline.ok).toBe(true);
    const details = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kre'), key: org.owner.apiKey },
      subscriptionDetailsSchema,
    );
    expect(details.available).toBe(1);
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    const one = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    expect(one.ok).toBe(true);
    const two = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    expect(two.ok ? 'granted' : two.error.code).toBe('SESSION_QUOTA_EXCEEDED');
  });

  it('a removed member is refused at the next heartbeat with MEMBER_REMOVED', async () => {
    const org = await orgWith('kre', 'session', 2);
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    const s = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const removed = await call(server.app, 'DELETE', `/v1/orgs/${org.orgId}/members/${org.member.userId}`, {
      key: org.admin.apiKey,
    });
    expect(removed.status).toBe(200);
    const beat = await heartbeat(org.member.apiKey, s.value.session.id);
    expect(beat.status).toBe(409);
    expect(refusal(beat.body).code).toBe('MEMBER_REMOVED');
  });

  it('R23 removing a machine ID ends its session: the next heartbeat and checkout say MACHINE_REMOVED', async () => {
    const org = await orgWith('kre', 'session', 2);
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    const s = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const removed = await call(
      server.app,
      'DELETE',
      ADMIN_PATHS.machine(org.orgId, 'kre', machine.machineId),
      {
        key: org.admin.apiKey,
      },
    );
    expect(removed.status).toBe(200);
    expect(refusal((await heartbeat(org.member.apiKey, s.value.session.id)).body).code).toBe(
      'MACHINE_REMOVED',
    );
    const again = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    expect(again.ok ? 'granted' : again.error.code).toBe('MACHINE_REMOVED');
    expect((await activateOk(server.app, org.member.apiKey, 'kre', machine)).machineId).toBe(
      machine.machineId,
    );
  });

  it('R9 a second offline license for the same machine and product returns the existing one with advice', async () => {
    const org = await orgWith('kre', 'session', 2);
    const machineId = fakeMachine().machineId;
    const first = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kre',
      machineId,
    });
    const again = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId,
    });
    if (!first.ok || !again.ok) throw new Error('offline creation refused');
    expect(again.value.id).toBe(first.value.id);
    expect(again.value.content).toBe(first.value.content);
    expect(again.value.advice).toMatch(/already/);
    const download = await call(server.app, 'GET', ADMIN_PATHS.offlineLicense(org.orgId, first.value.id), {
      key: org.admin.apiKey,
    });
    expect(download.status).toBe(200);
    expect(OfflineLicenseResponse.parse(download.body).content).toBe(first.value.content);
    const byMember = await call(server.app, 'GET', ADMIN_PATHS.offlineLicense(org.orgId, first.value.id), {
      key: org.member.apiKey,
    });
    expect(refusal(byMember.body).code).toBe('FORBIDDEN_ROLE');
    const details = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kre'), key: org.owner.apiKey },
      subscriptionDetailsSchema,
    );
    expect(details.available).toBe(1);
  });
});
