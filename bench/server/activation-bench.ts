import { ActivationRequest } from '../../shared/contracts/http/activations';
import { activate } from '../../src-server/services/activation-use-case';
import { fakeMachine } from '../../test/support/machines';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import { createCpuMeter } from '../lib/cpu-meter';
import type { Figures } from '../lib/figures';
import { addVersusFigures, versusDirect } from '../lib/versus-direct';
import { seedTenants, type SeededTenant } from './bulk-seed';

const MACHINES_PER_CLIENT = 4;
const MAX_CLIENTS = 128;

interface ActivationClient {
  readonly userId: string;
  readonly apiKey: string;
  readonly requests: ActivationRequest[];
}

const clientsOf = (users: { userId: string; apiKey: string; orgId: string }[]): ActivationClient[] =>
  users.map((u, i) => ({
    ...u,
    requests: Array.from({ length: MACHINES_PER_CLIENT }, () =>
      ActivationRequest.parse({
        productId: 'kre',
        organizationId: u.orgId,
        machine: fakeMachine({ osUser: `bench-${i}` }),
      }),
    ),
  }));

/** 128 organizations with one user each (spread) and one organization with 128 users (concentrated). */
async function seedActivationTenants(
  server: TestServer,
): Promise<Record<'spread' | 'concentrated', ActivationClient[]>> {
  const common = { productId: 'kre', kind: 'session', quota: 100_000, machineQuota: 1_000_000 };
  const users = (tenants: SeededTenant[]) =>
    tenants.flatMap((t) => t.users.map((u) => ({ ...u, orgId: t.orgId })));
  const spread = await seedTenants(server.ctx.db, {
    prefix: 'act-spread',
    orgs: MAX_CLIENTS,
    usersPerOrg: 1,
    ...common,
  });
  const one = await seedTenants(server.ctx.db, {
    prefix: 'act-one',
    orgs: 1,
    usersPerOrg: MAX_CLIENTS,
    ...common,
  });
  return { spread: clientsOf(users(spread)), concentrated: clientsOf(users(one)) };
}

/**
 * Activations per second and p50/p99 over HTTP (autocannon in a child process) at each concurrency,
 * spread over many organizations and concentrated on one, then the same transaction called directly
 * in the same round; the ratio is taken per round and its median reported.
 */
export async function benchActivations(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The activation bench needs a listening server.');
  const url = server.url;
  const groups = await seedActivationTenants(server);
  const meter = await createCpuMeter(server.ctx.db, db === 'postgres');
  for (const [spreadName, clients] of Object.entries(groups)) {
    for (const c of config.concurrencies) {
      const used = clients.slice(0, Math.min(c, clients.length));
      const load = {
        url: `${url}/v1/activations`,
        method: 'POST' as const,
        connections: c,
        durationSeconds: config.durationSeconds,
        warmupSeconds: config.warmupSeconds,
        clients: used.map((cl) => ({
          authorization: `Bearer ${cl.apiKey}`,
          requests: cl.requests.map((r) => ({ path: '/v1/activations', body: JSON.stringify(r) })),
        })),
      };
      const rounds = await versusDirect(
        config.repeats,
        load,
        async (worker, i) => {
          const cl = used[worker % used.length];
          const req = cl?.requests[i % MACHINES_PER_CLIENT];
          return cl !== undefined && req !== undefined && (await activate(server.ctx, cl.userId, req)).ok;
        },
        { meter, profileLabel: `${db}-activation-${spreadName}-c${c}` },
      );
      addVersusFigures(figures, `server.${db}.activation.${spreadName}.c${c}`, rounds, { ratio: 0.7 });
    }
  }
}
