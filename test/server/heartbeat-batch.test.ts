import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HeartbeatResponse } from '../../shared/contracts/http/sessions';
import { DEFAULT_API_KEY_CACHE_MS } from '../../src-server/auth/authenticate';
import { refreshLiveSessions } from '../../src-server/repositories/session-refresh';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';
import { call, refusal } from './helpers';

const TTL = 60;

describe.each(DB_KINDS)('heartbeats applied in batches (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl'), sessionTtlSeconds: TTL });
  });
  afterAll(() => server.close());

  /** `n` KRE sessions of the org's member, each on its own machine. */
  const sessionsOf = async (org: SeededOrg, n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
      const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
      if (!session.ok) throw new Error(JSON.stringify(session.error));
      ids.push(session.value.session.id);
    }
    return ids;
  };

  const seeded = async (n: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: n + 2 });
    return { org, ids: await sessionsOf(org, n) };
  };

  const beat = (key: string, id: string) => call(server.app, 'POST', `/v1/sessions/${id}/heartbeat`, { key });

  const outcome = (r: { status: number; body: unknown }) =>
    r.status === 200
      ? { status: 200, id: HeartbeatResponse.parse(r.body).session.id }
      : { status: r.status, ...refusal(r.body) };

  const makeStale = (id: string) =>
    server.ctx.db
      .updateTable('sessions')
      .set({ heartbeat_at: new Date(server.ctx.now() - 2 * TTL * 1000) })
      .where('id', '=', id)
      .execute();

  it('many concurrent heartbeats each get their own session back, refreshed', async () => {
    const { org, ids } = await seeded(12);
    server.advance(10_000);
    const replies = await Promise.all(ids.map((id) => beat(org.member.apiKey, id)));
    expect(replies.map(outcome)).toEqual(ids.map((id) => ({ status: 200, id })));
    for (const r of replies) {
      expect(Date.parse(HeartbeatResponse.parse(r.body).session.heartbeatAt)).toBeGreaterThanOrEqual(
        server.ctx.now() - 5_000,
      );
    }
  });

  it('a mixed batch refuses the ended, foreign, unknown and timed-out ones with the codes a lone heartbeat gets', async () => {
    const { org, ids } = await seeded(4);
    const [live, ended, foreign, stale] = ids as [string, string, string, string];
    await call(server.app, 'DELETE', `/v1/sessions/${ended}`, { key: org.member.apiKey });
    await makeStale(stale);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const requests: [string, string][] = [
      [org.member.apiKey, live],
      [org.member.apiKey, ended],
      [org.owner.apiKey, foreign],
      [org.member.apiKey, unknown],
      [org.member.apiKey, stale],
      [org.member.apiKey, live],
    ];
    const together = (await Promise.all(requests.map(([key, id]) => beat(key, id)))).map(outcome);
    expect(together).toEqual([
      { status: 200, id: live },
      {
        status: 409,
        code: 'SESSION_ENDED',
        message: 'This session ended: Released by the user.',
        details: { reason: 'Released by the user.' },
      },
      {
        status: 404,
        code: 'SESSION_NOT_FOUND',
        message: 'There is no such session of yours; check out a new one.',
      },
      {
        status: 404,
        code: 'SESSION_NOT_FOUND',
        message: 'There is no such session of yours; check out a new one.',
      },
      {
        status: 409,
        code: 'SESSION_ENDED',
        message:
          'This session ended: no heartbeat arrived in time; the license was freed. Check out a new one.',
      },
      { status: 200, id: live },
    ]);
    const alone = [];
    for (const [key, id] of requests.slice(0, 4)) alone.push(outcome(await beat(key, id)));
    expect(alone).toEqual(together.slice(0, 4));
    const foreignRow = await server.ctx.db
      .selectFrom('sessions')
      .select(['ended_at'])
      .where('id', '=', foreign)
      .executeTakeFirstOrThrow();
    expect(foreignRow.ended_at).toBeNull();
  });

  it('the batch statement refreshes only live sessions of their owners within the TTL', async () => {
    const { org, ids } = await seeded(3);
    const [live, foreign, stale] = ids as [string, string, string];
    await makeStale(stale);
    const before = await server.ctx.db
      .selectFrom('sessions')
      .select(['id', 'heartbeat_at'])
      .where('id', 'in', ids)
      .execute();
    server.advance(5_000);
    const now = server.ctx.now();
    const rows = await refreshLiveSessions(server.ctx.db, [
      { userId: org.member.userId, sessionId: live, now, ttlSeconds: TTL },
      { userId: org.owner.userId, sessionId: foreign, now, ttlSeconds: TTL },
      { userId: org.member.userId, sessionId: stale, now, ttlSeconds: TTL },
      { userId: org.member.userId, sessionId: live, now, ttlSeconds: TTL },
    ]);
    expect(rows.map((r) => r?.id)).toEqual([live, undefined, undefined, live]);
    expect(rows[0]).toMatchObject({ user_id: org.member.userId, product_id: 'kre', org_id: org.orgId });
    expect(rows[0]?.heartbeat_at.getTime()).toBe(now);
    const after = await server.ctx.db
      .selectFrom('sessions')
      .select(['id', 'heartbeat_at'])
      .where('id', 'in', [foreign, stale])
      .execute();
    const unchanged = before.filter((r) => r.id !== live);
    expect(after.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      unchanged.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('concurrent requests with valid, unknown and revoked keys are authenticated one by one', async () => {
    const { org, ids } = await seeded(1);
    const id = ids[0] as string;
    const revokedUser = await org.addUser('member', 'revoked');
    await server.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', revokedUser.userId)
      .execute();
    const bogus = `tsk_${'a'.repeat(52)}`;
    const keys = [org.member.apiKey, bogus, revokedUser.apiKey, org.member.apiKey, org.owner.apiKey];
    const replies = (await Promise.all(keys.map((key) => beat(key, id)))).map((r) => r.status);
    expect(replies).toEqual([200, 401, 401, 200, 404]);
  });

  it('R23 a key revoked in the database by another process is refused once the key cache bound has passed, saying KEY_REVOKED', async () => {
    const { org, ids } = await seeded(1);
    const id = ids[0] as string;
    expect((await beat(org.member.apiKey, id)).status).toBe(200);
    await server.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', org.member.userId)
      .execute();
    server.advance(DEFAULT_API_KEY_CACHE_MS);
    const refused = await beat(org.member.apiKey, id);
    expect(refused.status).toBe(401);
    expect(refusal(refused.body).code).toBe('KEY_REVOKED');
  });
});
