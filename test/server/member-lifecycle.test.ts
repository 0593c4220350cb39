import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import {
  KeyRevocationResponse,
  MemberRemovalResponse,
  MemberResponse,
  NewKeyResponse,
} from '../../shared/contracts/http/admin-members';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { send } from './admin/admin-kit';
import { activateOk, checkoutSession, grantSeat } from './api';
import { call, refusal } from './helpers';

// R15 member and API-key lifecycle over HTTP; R23 removal ends use with a code the agent shows.
describe.each(DB_KINDS)('members and API keys (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const auditActions = async (orgId: string) =>
    (
      await server.ctx.db.selectFrom('audit_events').select('action').where('org_id', '=', orgId).execute()
    ).map((e) => e.action);

  it('R15 an Admin adds a new member by email (key shown once) and changes their role; every change is audited', async () => {
    const org = await seedOrg(server.ctx);
    const added = await send(server.app, {
      method: 'POST',
      url: ADMIN_PATHS.members(org.orgId),
      key: org.admin.apiKey,
      body: { email: `new-${crypto.randomUUID()}@example.test`, role: 'member' },
    });
    expect(added.status).toBe(201);
    const member = MemberResponse.parse(added.body);
    expect(member.apiKey).toMatch(/^tsk_/);
    const me = await call(server.app, 'GET', '/v1/me', { key: member.apiKey ?? '' });
    expect(me.status).toBe(200);
    const again = await send(server.app, {
      method: 'POST',
      url: ADMIN_PATHS.members(org.orgId),
      key: org.admin.apiKey,
      body: { email: member.email },
    });
    expect(refusal(again.body).code).toBe('ALREADY_A_MEMBER');
    const promoted = await send(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.memberRole(org.orgId, member.userId),
      key: org.admin.apiKey,
      body: { role: 'admin' },
    });
    expect(MemberResponse.parse(promoted.body).role).toBe('admin');
    expect(await auditActions(org.orgId)).toEqual(
      expect.arrayContaining(['member.added', 'member.role-changed']),
    );
  });

  it('R15 a member cannot manage members; an Admin cannot touch an Owner; the last Owner stays', async () => {
    const org = await seedOrg(server.ctx);
    const byMember = await send(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.member(org.orgId, org.admin.userId),
      key: org.member.apiKey,
    });
    expect(refusal(byMember.body).code).toBe('FORBIDDEN_ROLE');
    const adminOnOwner = await send(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.member(org.orgId, org.owner.userId),
      key: org.admin.apiKey,
    });
    expect(refusal(adminOnOwner.body).code).toBe('FORBIDDEN_ROLE');
    const lastOwner = await send(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.memberRole(org.orgId, org.owner.userId),
      key: org.owner.apiKey,
      body: { role: 'admin' },
    });
    expect(refusal(lastOwner.body)).toMatchObject({ code: 'LAST_OWNER' });
    const outsider = await send(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.member(org.orgId, org.member.userId),
      key: org.outsider.apiKey,
    });
    expect(refusal(outsider.body).code).toBe('UNKNOWN_ORGANIZATION'); // no existence oracle
  });

  it('R23 removing a member frees their seat and ends their session: the next heartbeat says MEMBER_REMOVED', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 1 });
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const machine = fakeMachine();
    const activation = await activateOk(server.app, org.member.apiKey, 'kse', machine);
    const removed = await send(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.member(org.orgId, org.member.userId),
      key: org.owner.apiKey,
    });
    expect(MemberRemovalResponse.parse(removed.body)).toMatchObject({ endedSessions: 1, deactivated: 1 });
    const beat = await call(server.app, 'POST', `/v1/sessions/${activation.session?.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(refusal(beat.body).code).toBe('MEMBER_REMOVED');
    const refresh = await call(server.app, 'POST', '/v1/activations', {
      key: org.member.apiKey,
      body: { productId: 'kse', machine },
    });
    expect(refusal(refresh.body).code).toBe('MEMBER_REMOVED');
    expect((await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.admin.userId)).ok).toBe(true);
    expect(await auditActions(org.orgId)).toContain('member.removed');
  });

  it('an Admin revokes a member key: the session ends, the old key is refused with KEY_REVOKED; a reissued key works once shown', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 2 });
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const revoked = await send(server.app, {
      method: 'POST',
      url: ADMIN_PATHS.memberKeyRevoke(org.orgId, org.member.userId),
      key: org.admin.apiKey,
    });
    expect(KeyRevocationResponse.parse(revoked.body)).toEqual({ revoked: 1, endedSessions: 1 });
    const old = await call(server.app, 'POST', `/v1/sessions/${session.value.session.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(old.status).toBe(401);
    expect(refusal(old.body).code).toBe('KEY_REVOKED');
    const reissued = await send(server.app, {
      method: 'POST',
      url: ADMIN_PATHS.memberKey(org.orgId, org.member.userId),
      key: org.admin.apiKey,
    });
    const fresh = NewKeyResponse.parse(reissued.body);
    const beat = await call(server.app, 'POST', `/v1/sessions/${session.value.session.id}/heartbeat`, {
      key: fresh.apiKey,
    });
    expect(refusal(beat.body).code).toBe('KEY_REVOKED');
    expect((await checkoutSession(server.app, fresh.apiKey, 'kre', machine.machineId)).ok).toBe(true);
    expect(await auditActions(org.orgId)).toEqual(
      expect.arrayContaining(['api-key.revoked', 'api-key.reissued']),
    );
  });

  it('a user rotates their own key: the old one stops working, the new one works', async () => {
    const org = await seedOrg(server.ctx);
    const rotated = await call(server.app, 'POST', ADMIN_PATHS.ownKey, { key: org.member.apiKey });
    const fresh = NewKeyResponse.parse(rotated.body);
    expect((await call(server.app, 'GET', '/v1/me', { key: org.member.apiKey })).status).toBe(401);
    expect((await call(server.app, 'GET', '/v1/me', { key: fresh.apiKey })).status).toBe(200);
  });
});
