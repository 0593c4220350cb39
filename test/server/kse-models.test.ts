import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IssuerKeysResponse } from '../../shared/contracts/http/issuer';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { nodeSubtle } from '../../src-server/keys/signing-keys';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, activateRefused, checkoutSession, grantSeat } from './api';
import { call, refusal } from './helpers';

describe.each(DB_KINDS)('KSE per-User, node-locked and floating (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const kseOrg = async (kind: string, quota: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind, quota });
    return org;
  };

  it('R17 refuses a seat past the license quota with the exact sentence; R1 seats are exclusive per user', async () => {
    const org = await kseOrg('per-user', 2);
    expect((await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId)).ok).toBe(
      true,
    );
    const twice = await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    expect(twice.ok ? 'granted' : twice.error.code).toBe('ALREADY_LICENSED');
    expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.admin.userId)).ok).toBe(true);
    const third = await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.owner.userId);
    expect(third.ok).toBe(false);
    if (third.ok) return;
    expect(third.status).toBe(409);
    expect(third.error).toMatchObject({
      code: 'LICENSE_QUOTA_EXCEEDED',
      message: 'The number of licenses cannot exceed the license quota.',
    });
  });

  it('R15 grants a license only to a member of the organization', async () => {
    const org = await kseOrg('per-user', 2);
    const res = await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.outsider.userId);
    expect(res.ok ? 'granted' : res.error.code).toBe('NOT_A_MEMBER');
  });

  it('R1 a per-User product without a granted seat is refused', async () => {
    const org = await kseOrg('per-user', 2);
    const refused = await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine());
    expect(refused).toMatchObject({ status: 403, code: 'NOT_LICENSED' });
  });

  it('R19 one active session per user: activating on another machine ends the old session with a reason', async () => {
    const org = await kseOrg('per-user', 2);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const laptop = fakeMachine();
    const desktop = fakeMachine();
    const first = await activateOk(server.app, org.member.apiKey, 'kse', laptop);
    expect(first.session).not.toBeNull();
    const resumed = await activateOk(server.app, org.member.apiKey, 'kse', laptop);
    expect(resumed.session?.id).toBe(first.session?.id);
    const moved = await activateOk(server.app, org.member.apiKey, 'kse', desktop);
    expect(moved.endedSessions).toHaveLength(1);
    expect(moved.endedSessions[0]).toMatchObject({
      sessionId: first.session?.id,
      machineId: laptop.machineId,
    });
    expect(moved.endedSessions[0]?.reason).toMatch(/another machine/);
    const beat = await call(server.app, 'POST', `/v1/sessions/${first.session?.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(beat.status).toBe(409);
    expect(refusal(beat.body).code).toBe('SESSION_ENDED');
    expect(refusal(beat.body).message).toMatch(/another machine/);
  });

  it('R19 a per-User license needs a fixed machine: containers are refused', async () => {
    const org = await kseOrg('per-user', 2);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const refused = await activateRefused(
      server.app,
      org.member.apiKey,
      'kse',
      fakeMachine({ virtualization: 'container' }),
    );
    expect(refused.code).toBe('FIXED_MACHINE_REQUIRED');
  });

  it('R25 node-locked binds one license to one machine and transfers it for free on request', async () => {
    const org = await kseOrg('node-locked', 1);
    const a = fakeMachine();
    const b = fakeMachine();
    const bound = await activateOk(server.app, org.member.apiKey, 'kse', a);
    expect(bound.licenseKind).toBe('node-locked');
    const refused = await activateRefused(server.app, org.member.apiKey, 'kse', b);
    expect(refused.code).toBe('LICENSE_QUOTA_EXCEEDED');
    expect(refused.message).toMatch(/transferred/);
    await activateOk(server.app, org.member.apiKey, 'kse', b, { transfer: true });
    const back = await activateRefused(server.app, org.member.apiKey, 'kse', a);
    expect(back.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R26 a floating license holds one session at a time and spans at most three machines', async () => {
    const org = await kseOrg('floating', 1);
    const machines = [fakeMachine(), fakeMachine(), fakeMachine(), fakeMachine()];
    for (const m of machines.slice(0, 3)) await activateOk(server.app, org.member.apiKey, 'kse', m);
    const ids = machines.map((m) => m.machineId);
    const first = await checkoutSession(server.app, org.member.apiKey, 'kse', ids[0] ?? '');
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const busy = await checkoutSession(server.app, org.member.apiKey, 'kse', ids[1] ?? '');
    expect(busy.ok ? 'granted' : busy.error.code).toBe('SESSION_ACTIVE_ELSEWHERE');
    let current = first.value.session.id;
    for (const id of ids.slice(1, 3)) {
      await call(server.app, 'DELETE', `/v1/sessions/${current}`, { key: org.member.apiKey });
      const next = await checkoutSession(server.app, org.member.apiKey, 'kse', id);
      if (!next.ok) throw new Error(JSON.stringify(next.error));
      current = next.value.session.id;
    }
    await call(server.app, 'DELETE', `/v1/sessions/${current}`, { key: org.member.apiKey });
    const fourth = await activateRefused(server.app, org.member.apiKey, 'kse', machines[3] ?? fakeMachine());
    expect(fourth.code).toBe('FLOATING_MACHINE_LIMIT');
    expect((await checkoutSession(server.app, org.member.apiKey, 'kse', ids[0] ?? '')).ok).toBe(true);
  });

  it('R27 refuses per-User licenses in an organization that holds KSE floating licenses', async () => {
    const org = await kseOrg('floating', 1);
    await expect(
      seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 1 }),
    ).rejects.toThrow(/MODEL_CONFLICT/);
  });

  it('R5 the lease is a signed license file bound to the machine that verifies against the published issuer keys', async () => {
    const org = await kseOrg('per-user', 1);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const machine = fakeMachine();
    const activation = await activateOk(server.app, org.member.apiKey, 'kse', machine);
    const keys = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    const trustedKeys = new Map(keys.map((k) => [k.kid, k.publicKey]));
    const verified = await verifyLicense(nodeSubtle, activation.lease, {
      trustedKeys,
      expectedMachineId: machine.machineId,
      expectedProductId: 'kse',
      now: Date.now(),
    });
    expect(verified.ok && verified.value.payload).toMatchObject({
      kind: 'lease',
      licenseKind: 'per-user',
      organizationId: org.orgId,
      userId: org.member.userId,
    });
    const elsewhere = await verifyLicense(nodeSubtle, activation.lease, {
      trustedKeys,
      expectedMachineId: fakeMachine().machineId,
      now: Date.now(),
    });
    expect(elsewhere.ok ? 'valid' : elsewhere.error.code).toBe('WRONG_MACHINE');
  });
});
