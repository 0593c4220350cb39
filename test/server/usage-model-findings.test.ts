import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, activateRefused, checkoutSession, createOffline } from './api';

// Cases the usage model (test/server/model/) shrank to, kept as plain scenarios; `it.fails` marks a
// rule the server does not enforce yet (test/server/model/gaps.ts lists the same).
describe.each(DB_KINDS)('usage model findings (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  // Expected to fail until offline creation counts KRE sessions (repositories/usage.ts `usedLicenses`
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

  // Expected to fail until KRE activation counts an offline license and an online reservation of the
  // same machine as two licenses, as License Management does (services/activation-rules.ts merges them).
  it.fails(
    'R9 R22 an offline license and an online reservation of one machine use two KRE licenses',
    async () => {
      const org = await seedOrg(server.ctx);
      await seedSubscription(server.ctx, org.orgId, {
        productId: 'kre',
        kind: 'session',
        quota: 2,
        machineQuota: 3,
      });
      const both = fakeMachine();
      const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kre',
        machineId: both.machineId,
      });
      expect(offline.ok).toBe(true);
      await activateOk(server.app, org.member.apiKey, 'kre', both);
      const third = await activateRefused(server.app, org.member.apiKey, 'kre', fakeMachine());
      expect(third.code).toBe('LICENSE_QUOTA_EXCEEDED');
    },
  );
});
