import { ActivationRequest } from '../../shared/contracts/http/activations';
import { fakeMachine } from '../../test/support/machines';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import { cpuPerOp, createCpuMeter } from '../lib/cpu-meter';
import type { Figures } from '../lib/figures';
import { runLoad } from '../load/run-load';
import { seedTenants } from './bulk-seed';

/** The two shapes of a working-day morning: one large organization, and many small ones. */
const SHAPES = [
  { name: 'one-org', orgs: 1 },
  { name: 'orgs1000', orgs: 1000 },
] as const;

/**
 * Morning burst: every seeded user activates one machine once (`eachClientOnce`), all arriving
 * together on `burstConnections` connections; throughput, p50/p99, refusals (none expected: quotas
 * are sized to fit), and CPU per activation of the server process and of PostgreSQL.
 */
export async function benchBurst(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The burst bench needs a listening server.');
  const meter = await createCpuMeter(server.ctx.db, db === 'postgres');
  for (const shape of SHAPES) {
    const orgs = Math.min(shape.orgs, config.burstUsers);
    const perOrg = Math.max(1, Math.floor(config.burstUsers / orgs));
    const tenants = await seedTenants(server.ctx.db, {
      prefix: `burst-${shape.name}`,
      orgs,
      usersPerOrg: perOrg,
      productId: 'kre',
      kind: 'session',
      quota: perOrg,
      machineQuota: perOrg,
    });
    const clients = tenants.flatMap((t) =>
      t.users.map((u, i) => ({
        authorization: `Bearer ${u.apiKey}`,
        requests: [
          {
            path: '/v1/activations',
            body: JSON.stringify(
              ActivationRequest.parse({
                productId: 'kre',
                organizationId: t.orgId,
                machine: fakeMachine({ osUser: `burst-${i}` }),
              }),
            ),
          },
        ],
      })),
    );
    const before = meter();
    const started = performance.now();
    const result = await runLoad({
      url: `${server.url}/v1/activations`,
      method: 'POST',
      connections: config.burstConnections,
      // Ignored once `amount` is set (`eachClientOnce`): the burst runs until every user has an answer.
      durationSeconds: 600,
      warmupSeconds: 0,
      clients,
      eachClientOnce: true,
    });
    const wallMs = performance.now() - started;
    const cpu = cpuPerOp(before, meter(), result.allResponses ?? result.completed);
    const key = `server.${db}.burst.${shape.name}.users${clients.length}`;
    const note = `${orgs} organization(s) × ${perOrg} users, ${config.burstConnections} connections`;
    figures.add(`${key}.rps`, result.requestsPerSecond, 'req/s', { note });
    figures.add(`${key}.p50`, result.p50Ms, 'ms');
    figures.add(`${key}.p99`, result.p99Ms, 'ms');
    figures.add(`${key}.wall`, wallMs, 'ms', { note: 'load generator start included' });
    figures.add(`${key}.answered`, result.allResponses ?? result.completed, 'responses', {
      target: { op: '>=', value: clients.length },
      note: 'users who got an answer (30 s client time-outs are not answers)',
    });
    figures.add(`${key}.refused`, result.non2xx, 'responses', {
      target: { op: '<=', value: 0 },
      ...(result.firstFailure === null ? {} : { note: result.firstFailure.slice(0, 150) }),
    });
    figures.add(`${key}.client_errors`, result.errors, 'requests', {
      note: 'socket errors and 30 s time-outs of the load generator (no answer at all)',
    });
    figures.add(`${key}.cpu.server_us`, cpu.serverUs, 'µs/req');
    if (cpu.dbUs !== null) figures.add(`${key}.cpu.db_us`, cpu.dbUs, 'µs/req');
  }
}
