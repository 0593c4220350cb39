import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession, createOffline } from './api';

// Cases the usage model (test/server/model/) shrank to, kept as plain scenarios; `it.fails` marks a
// rule the server does not enforce yet (test/server/model/gaps.ts lists the same).
describe.each(DB_KINDS)('usage model findings (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  // Expected to fail until offline creation counts KRE sessions (services/usage.ts `usedLicenses`
  // counts reserved machines only): two sessions on one machine plus an offline file = 3 uses of 2.
  it.fails(
    'R9 R21 refuses a KRE offline license while running sessions already use every license',
    async () => {
      const org = await seedOrg(server.ctx);
      await seedSubscription(server.ctx, org.orgId, {
        productId: 'kre',
        kind: 'session',
        quota: 2,
        machineQuota: 3,
      });
      const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
      expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
      expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
      const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kre',
        machineId: fakeMachine().machineId,
      });
      expect(offline.ok ? 'created' : offline.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
    },
  );
});
