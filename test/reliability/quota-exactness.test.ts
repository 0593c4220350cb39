import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveMasterKey } from '../../src-server/keys/master-key';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg, type SeededUser } from '../support/seed';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { auditOf } from './support/audit';
import { burst, STRESS, tally } from './support/load';

// Heavy: 1,000 concurrent requests × 5 rounds; npm test: 120 × 1. Quota 50 either way.
const REQUESTS = STRESS ? 1000 : 120;
const ROUNDS = STRESS ? 5 : 1;
const QUOTA = 50;
const SECRET = 'quota-exactness-master-secret';

describe('R9 R21 quota exactness: two server processes on one PostgreSQL', () => {
  let seeder: TestServer;
  let servers: ServerProcess[] = [];
  const baseOf = (i: number): string => servers[i % servers.length]?.url ?? '';
  beforeAll(async () => {
    seeder = await startTestServer({
      db: 'postgres',
      postgresUrl: inject('postgresUrl'),
      masterKey: resolveMasterKey(SECRET, '/nonexistent').key,
    });
    const env = { DATABASE_URL: seeder.databaseUrl ?? '', TESSERA_MASTER_KEY: SECRET };
    servers = await Promise.all([spawnServerProcess(env), spawnServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await seeder.close();
  });

  const freshOrg = async (productId: string, kind: string): Promise<{ org: SeededOrg; subId: string }> => {
    const org = await seedOrg(seeder.ctx, `Quota ${productId}`);
    const subId = await seedSubscription(seeder.ctx, org.orgId, {
      productId,
      kind,
      quota: QUOTA,
      machineQuota: REQUESTS * 2,
    });
    return { org, subId };
  };

  for (let round = 1; round <= ROUNDS; round += 1) {
    it(`R21 round ${round}: ${REQUESTS} concurrent KRE activations grant exactly ${QUOTA}`, async () => {
      const { org, subId } = await freshOrg('kre', 'session');
      const outcomes = await burst(REQUESTS, (i) => ({
        base: baseOf(i),
        path: '/v1/activations',
        key: org.member.apiKey,
        body: { productId: 'kre', machine: fakeMachine() },
      }));
      expect(tally(outcomes)).toEqual({ ok: QUOTA, LICENSE_QUOTA_EXCEEDED: REQUESTS - QUOTA });
      const live = await seeder.ctx.db
        .selectFrom('activations')
        .select(['id', 'machine_ref'])
        .where('subscription_id', '=', subId)
        .where('deactivated_at', 'is', null)
        .execute();
      expect(live).toHaveLength(QUOTA);
      expect(new Set(live.map((a) => a.machine_ref)).size).toBe(QUOTA);
    });

    it(`R9 round ${round}: ${REQUESTS} concurrent seat grants grant exactly ${QUOTA}`, async () => {
      const { org, subId } = await freshOrg('kse', 'per-user');
      const users: SeededUser[] = [];
      for (let i = 0; i < REQUESTS; i += 50)
        users.push(...(await Promise.all(Array.from({ length: 50 }, () => org.addUser('member')))));
      const outcomes = await burst(REQUESTS, (i) => ({
        base: baseOf(i),
        path: `/v1/orgs/${org.orgId}/seats`,
        key: i % 2 === 0 ? org.admin.apiKey : org.owner.apiKey,
        body: { productId: 'kse', userId: users[i]?.userId },
      }));
      const counts = tally(outcomes);
      expect(counts).toEqual({ ok: QUOTA, LICENSE_QUOTA_EXCEEDED: REQUESTS - QUOTA });
      const seats = await seeder.ctx.db
        .selectFrom('seat_assignments')
        .select('user_id')
        .where('subscription_id', '=', subId)
        .execute();
      const audited = await auditOf(seeder.ctx.db, org.orgId, 'seat.granted');
      expect(seats).toHaveLength(QUOTA);
      expect(audited).toHaveLength(QUOTA);
    });
  }
});
