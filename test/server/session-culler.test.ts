import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cullSessions, cullStaleSessions } from '../../src-server/jobs/session-culler';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';

describe('the culling job at scale (pglite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', sessionTtlSeconds: 60 });
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
    expect(await cullStaleSessions(server.ctx.db, server.ctx.now(), 60, 1)).toBe(2);
    expect(await liveSessions()).toHaveLength(0);
  });
});
