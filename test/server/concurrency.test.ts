import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveMasterKey } from '../../src-server/keys/master-key';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { call } from './helpers';

const SECRET = 'concurrency-test-master-secret';

const liveActivations = (server: TestServer) =>
  server.ctx.db.selectFrom('activations').select('id').where('deactivated_at', 'is', null).execute();

describe('R21 quotas hold under concurrency', () => {
  describe('two server processes over one PostgreSQL', () => {
    let seedServer: TestServer;
    let org: SeededOrg;
    let processes: ServerProcess[] = [];
    beforeAll(async () => {
      seedServer = await startTestServer({
        db: 'postgres',
        postgresUrl: inject('postgresUrl'),
        masterKey: resolveMasterKey(SECRET, '/nonexistent').key,
      });
      org = await seedOrg(seedServer.ctx);
      await seedSubscription(seedServer.ctx, org.orgId, {
        productId: 'kre',
        kind: 'session',
        quota: 10,
        machineQuota: 1000,
      });
      const env = { DATABASE_URL: seedServer.databaseUrl ?? '', TESSERA_MASTER_KEY: SECRET };
      processes = await Promise.all([spawnServerProcess(env), spawnServerProcess(env)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await seedServer.close();
    });

    it('R21 200 parallel activations against quota 10 grant exactly 10', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const base = processes[i % 2]?.url ?? '';
          const res = await fetch(`${base}/v1/activations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${org.member.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ productId: 'kre', machine: fakeMachine() }),
          });
          const body = (await res.json()) as { error?: { code: string } };
          return res.status === 200 ? 'granted' : (body.error?.code ?? String(res.status));
        }),
      );
      expect(results.filter((r) => r === 'granted')).toHaveLength(10);
      expect(new Set(results.filter((r) => r !== 'granted'))).toEqual(new Set(['LICENSE_QUOTA_EXCEEDED']));
      expect(await liveActivations(seedServer)).toHaveLength(10);
    });
  });

  describe('one process over PGlite (serialized transactions)', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ db: 'pglite' });
    });
    afterAll(() => server.close());

    it('R21 60 parallel activations and session checkouts never pass quota 5', async () => {
      const org = await seedOrg(server.ctx);
      await seedSubscription(server.ctx, org.orgId, {
        productId: 'kre',
        kind: 'session',
        quota: 5,
        machineQuota: 1000,
      });
      const statuses = await Promise.all(
        Array.from({ length: 60 }, () =>
          call(server.app, 'POST', '/v1/activations', {
            key: org.member.apiKey,
            body: { productId: 'kre', machine: fakeMachine() },
          }),
        ),
      );
      expect(statuses.filter((s) => s.status === 200)).toHaveLength(5);
      const granted = statuses.find((s) => s.status === 200)?.body as { machineId: string };
      const sessions = await Promise.all(
        Array.from({ length: 30 }, () =>
          call(server.app, 'POST', '/v1/sessions', {
            key: org.member.apiKey,
            body: { productId: 'kre', machineId: granted.machineId },
          }),
        ),
      );
      // R21/R22 (docs/domain-api.md "One machine, one license"): the five reservations use the whole
      // quota; the machine's own license covers its first session and every further one would be a 6th.
      expect(sessions.filter((s) => s.status === 200)).toHaveLength(1);
      expect(new Set(sessions.filter((s) => s.status !== 200).map((s) => s.status))).toEqual(new Set([409]));
    });
  });
});
