import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';
import { call, refusal } from './helpers';

type Who = 'owner' | 'admin' | 'member' | 'outsider' | 'none' | 'bad';
const BAD_KEY = `tsk_${'a'.repeat(52)}`;
const keyOf = (org: SeededOrg, who: Who): string | undefined =>
  who === 'none' ? undefined : who === 'bad' ? BAD_KEY : org[who].apiKey;

const MANAGER_EXPECTED: Record<Who, [number, string | null]> = {
  owner: [201, null],
  admin: [201, null],
  member: [403, 'FORBIDDEN_ROLE'],
  outsider: [404, 'UNKNOWN_ORGANIZATION'],
  none: [401, 'UNAUTHENTICATED'],
  bad: [401, 'INVALID_API_KEY'],
};
const WHO = Object.keys(MANAGER_EXPECTED) as Who[];

describe.each(DB_KINDS)('authorization matrix (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 50 });
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 });
  });
  afterAll(() => server.close());

  it.each(WHO)('R15 offline-license creation as %s', async (who) => {
    const res = await call(server.app, 'POST', `/v1/orgs/${org.orgId}/offline-licenses`, {
      key: keyOf(org, who),
      body: { productId: 'kse', machineId: fakeMachine().machineId },
    });
    const [status, code] = MANAGER_EXPECTED[who];
    expect(res.status).toBe(status);
    if (code !== null) expect(refusal(res.body).code).toBe(code);
  });

  it.each(WHO)('R15 seat grant as %s', async (who) => {
    const target = await org.addUser('member');
    const res = await call(server.app, 'POST', `/v1/orgs/${org.orgId}/seats`, {
      key: keyOf(org, who),
      body: { productId: 'kse', userId: target.userId },
    });
    const [status, code] = MANAGER_EXPECTED[who];
    expect(res.status).toBe(status);
    if (code !== null) expect(refusal(res.body).code).toBe(code);
  });

  it.each(WHO)('R15 admin force-release of a session as %s', async (who) => {
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const res = await call(
      server.app,
      'DELETE',
      `/v1/orgs/${org.orgId}/sessions/${session.value.session.id}`,
      { key: keyOf(org, who) },
    );
    const [status, code] = MANAGER_EXPECTED[who];
    expect(res.status).toBe(status === 201 ? 200 : status);
    if (code !== null) expect(refusal(res.body).code).toBe(code);
    else expect(res.body).toMatchObject({ released: true, endReason: 'Released by an Owner or Admin.' });
  });

  it.each(WHO)('R20 KRE activation as %s: every member may activate, nobody else', async (who) => {
    const res = await call(server.app, 'POST', '/v1/activations', {
      key: keyOf(org, who),
      body: { productId: 'kre', machine: fakeMachine() },
    });
    const expected: Record<Who, [number, string | null]> = {
      owner: [200, null],
      admin: [200, null],
      member: [200, null],
      outsider: [403, 'PRODUCT_NOT_SUBSCRIBED'],
      none: [401, 'UNAUTHENTICATED'],
      bad: [401, 'INVALID_API_KEY'],
    };
    expect(res.status).toBe(expected[who][0]);
    if (expected[who][1] !== null) expect(refusal(res.body).code).toBe(expected[who][1]);
  });

  it('a member cannot heartbeat or release another user’s session', async () => {
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    if (!session.ok) throw new Error('no session');
    const id = session.value.session.id;
    for (const [method, url] of [
      ['POST', `/v1/sessions/${id}/heartbeat`],
      ['DELETE', `/v1/sessions/${id}`],
    ] as const) {
      const res = await call(server.app, method, url, { key: org.admin.apiKey });
      expect(res.status).toBe(404);
      expect(refusal(res.body).code).toBe('SESSION_NOT_FOUND');
    }
  });

  it('R15 an organization the caller cannot see answers exactly like one that does not exist', async () => {
    const url = (orgId: string) => `/v1/orgs/${orgId}/offline-licenses`;
    const body = { productId: 'kse', machineId: fakeMachine().machineId };
    const foreign = await call(server.app, 'POST', url(org.otherOrgId), { key: org.admin.apiKey, body });
    const missing = await call(server.app, 'POST', url(randomUUID()), { key: org.admin.apiKey, body });
    expect(foreign).toEqual(missing);
    expect(foreign.status).toBe(404);
  });

  it('R15 a user outside the organization answers exactly like a user that does not exist', async () => {
    const url = `/v1/orgs/${org.orgId}/offline-licenses`;
    const machineId = fakeMachine().machineId;
    const outsider = await call(server.app, 'POST', url, {
      key: org.admin.apiKey,
      body: { productId: 'kse', machineId, userId: org.outsider.userId },
    });
    const missing = await call(server.app, 'POST', url, {
      key: org.admin.apiKey,
      body: { productId: 'kse', machineId, userId: randomUUID() },
    });
    expect(outsider).toEqual(missing);
    expect(outsider.status).toBeGreaterThanOrEqual(400);
  });

  it('GET /v1/me lists the caller’s organizations and roles', async () => {
    const res = await call(server.app, 'GET', '/v1/me', { key: org.admin.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: org.admin.userId },
      organizations: [{ id: org.orgId, role: 'admin' }],
    });
  });
});

describe('failed authentication is rate limited', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', authFailuresPerMinute: 3 });
  });
  afterAll(() => server.close());

  it('answers 429 RATE_LIMITED after repeated bad keys, but never to a good key from that address', async () => {
    const org = await seedOrg(server.ctx);
    for (let i = 0; i < 3; i += 1)
      expect((await call(server.app, 'GET', '/v1/me', { key: BAD_KEY })).status).toBe(401);
    const limited = await call(server.app, 'GET', '/v1/me', { key: BAD_KEY });
    expect(limited.status).toBe(429);
    expect(refusal(limited.body).code).toBe('RATE_LIMITED');
    expect((await call(server.app, 'GET', '/v1/me', { key: org.member.apiKey })).status).toBe(200);
  });

  it('stores only a sha256 of each API key, never the key', async () => {
    const org = await seedOrg(server.ctx, 'Hashing');
    const rows = await server.ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', org.member.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(org.member.apiKey);
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
