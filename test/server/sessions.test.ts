import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HeartbeatResponse } from '../../shared/contracts/http/sessions';
import { CULL_REASON, cullSessions } from '../../src-server/jobs/session-culler';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';
import { call, refusal } from './helpers';

describe.each(DB_KINDS)('sessions: heartbeat, release, culling (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl'), sessionTtlSeconds: 60 });
  });
  afterAll(() => server.close());

  const oneSession = async (quota = 1) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota });
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    return { org, machine, session: session.value.session };
  };

  it('a heartbeat extends the session and reports the interval', async () => {
    const { org, session } = await oneSession();
    expect(session.heartbeatIntervalSeconds).toBe(15);
    server.advance(30_000);
    const beat = await call(server.app, 'POST', `/v1/sessions/${session.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(beat.status).toBe(200);
    const next = HeartbeatResponse.parse(beat.body).session;
    expect(Date.parse(next.expiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
  });

  it('R22 the culler ends a session whose heartbeat stopped, records why, audits it and frees the license', async () => {
    const { org, machine, session } = await oneSession();
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(false);
    server.advance(61_000);
    const culled = await cullSessions(server.ctx.db, server.ctx.now(), 60);
    expect(culled).toBeGreaterThanOrEqual(1);
    const row = await server.ctx.db
      .selectFrom('sessions')
      .select(['ended_at', 'end_reason'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(row.end_reason).toBe(CULL_REASON);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'reason', 'machine_id'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'session.culled')
      .execute();
    expect(events).toEqual([{ action: 'session.culled', reason: CULL_REASON, machine_id: machine }]);
    const beat = await call(server.app, 'POST', `/v1/sessions/${session.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(refusal(beat.body)).toMatchObject({ code: 'SESSION_ENDED' });
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
  });

  it('R22 a session past its TTL stops counting even before the culler runs', async () => {
    const { org, machine } = await oneSession();
    server.advance(61_000);
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
  });

  it('releasing twice is harmless and tells the stored reason', async () => {
    const { org, session } = await oneSession();
    const first = await call(server.app, 'DELETE', `/v1/sessions/${session.id}`, { key: org.member.apiKey });
    expect(first.body).toEqual({ released: true, endReason: 'Released by the user.' });
    const second = await call(server.app, 'DELETE', `/v1/sessions/${session.id}`, { key: org.member.apiKey });
    expect(second.body).toEqual({ released: false, endReason: 'Released by the user.' });
  });

  it('deactivating a machine ends its sessions', async () => {
    const { org, machine, session } = await oneSession();
    const off = await call(server.app, 'DELETE', `/v1/activations/${machine}?productId=kre`, {
      key: org.member.apiKey,
    });
    expect(off.body).toEqual({ deactivated: true, endedSessions: 1 });
    const beat = await call(server.app, 'POST', `/v1/sessions/${session.id}/heartbeat`, {
      key: org.member.apiKey,
    });
    expect(refusal(beat.body).message).toMatch(/deactivated/);
  });

  it('every license event lands in the audit log, which refuses changes', async () => {
    const { org } = await oneSession();
    const actions = (
      await server.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('org_id', '=', org.orgId)
        .orderBy('id')
        .execute()
    ).map((e) => e.action);
    expect(actions).toEqual(['subscription.created', 'activation.created', 'session.started']);
    await expect(
      server.ctx.db.deleteFrom('audit_events').where('org_id', '=', org.orgId).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
