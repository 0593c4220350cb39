import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CULL_REASON, cullSessions, cullStaleSessions } from '../../src-server/jobs/session-culler';
import { verifyAuditChain } from '../../src-server/services/audit-chain';
import { seedKreOrg, seedMachines, seedSessions } from '../../bench/server/bulk-seed';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';

describe.each(DB_KINDS)('the culling job at scale (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl'), sessionTtlSeconds: 60 });
  });
  afterAll(() => server.close());

  const liveSessions = () =>
    server.ctx.db.selectFrom('sessions').select('id').where('ended_at', 'is', null).execute();

  it('R22 one run of the job ends every stale session, batch after batch, not just the first batch', async () => {
    for (let i = 0; i < 3; i += 1) {
      const org = await seedOrg(server.ctx);
      await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 1 });
      const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
      expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
    }
    server.advance(61_000);
    expect(await cullSessions(server.ctx.db, server.ctx.now(), 60, 1)).toBe(1);
    expect(await liveSessions()).toHaveLength(2);
    expect(await cullStaleSessions(server.ctx.db, server.ctx.now(), 60, { batch: 1 })).toBe(2);
    expect(await liveSessions()).toHaveLength(0);
  });

  it('R22 each culled session gets its own session.culled event (organization, product, machine, session) on an intact chain', async () => {
    const ended = await server.ctx.db
      .selectFrom('sessions as s')
      .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
      .innerJoin('machines as m', 'm.id', 's.machine_ref')
      .select(['s.id', 'sub.org_id', 'sub.product_id', 'm.machine_id', 's.end_reason'])
      .where('s.ended_at', 'is not', null)
      .execute()
      .then((rows) => rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(ended).toHaveLength(3);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select(['org_id', 'product_id', 'machine_id', 'reason', 'actor_user_id', 'details'])
      .where('action', '=', 'session.culled')
      .execute();
    const bySession = events
      .map((e) => ({ ...e, sessionId: (e.details as { sessionId?: string }).sessionId }))
      .sort((a, b) => (String(a.sessionId) < String(b.sessionId) ? -1 : 1));
    expect(bySession).toEqual(
      ended.map((s) =>
        expect.objectContaining({
          sessionId: s.id,
          org_id: s.org_id,
          product_id: s.product_id,
          machine_id: s.machine_id,
          reason: CULL_REASON,
          actor_user_id: null,
        }),
      ),
    );
    expect(ended.every((s) => s.end_reason === CULL_REASON)).toBe(true);
    expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
  });

  it('R22 concurrent culling batches end each stale session once, one event each, on one intact chain', async () => {
    const org = await seedKreOrg(server.ctx.db, 'cull');
    const range = { prefix: 'cull', from: 1, to: 1_000 };
    await seedMachines(server.ctx.db, { ...range, orgId: org.orgId });
    await seedSessions(server.ctx.db, { ...range, subscriptionId: org.subscriptionId, userId: org.userId });
    const later = Date.now() + 3_600_000;
    const batches: number[] = [];
    const culled = await cullStaleSessions(server.ctx.db, later, 60, {
      batch: 50,
      workers: 3,
      onBatch: (n) => batches.push(n),
    });
    expect(culled).toBe(1_000);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(await liveSessions()).toHaveLength(0);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.count<string>('id').distinct().as('n'))
      .select((eb) =>
        eb.fn.count<string>(eb.ref('details', '->>').key('sessionId')).distinct().as('sessions'),
      )
      .where('action', '=', 'session.culled')
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect({ n: Number(events.n), sessions: Number(events.sessions) }).toEqual({ n: 1_000, sessions: 1_000 });
    expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
  });
});
