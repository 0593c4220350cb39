import { sql } from 'kysely';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { spawnServerProcess, type ServerProcess } from '../../test/support/server-process';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import { createClusterMeter, processCpuMs } from '../lib/cpu-meter';
import type { Figures } from '../lib/figures';
import type { LoadResult, LoadSpec } from '../load/load-spec';
import { runLoad } from '../load/run-load';
import { medianOf, repeat } from '../lib/stats';
import { benchUuid, labels, seedKreOrg, seedMachines, seedSessions } from './bulk-seed';

const PREFIX = 'mp';
const SESSIONS = 10_000;

/** The master secret the bench's in-process server seals its signing key with, so spawned servers can unseal it. */
export const BENCH_MASTER_SECRET = 'tessera-bench-master-secret';

interface Measured {
  readonly rps: number;
  readonly p99: number | null;
  readonly serverUs: number;
  readonly dbUs: number | null;
}

/**
 * Two `serve` processes on the one PostgreSQL: heartbeats against one process (32 connections), then
 * against both at once (16 each). CPU per request of the server processes (from /proc) and of the
 * cluster should stay the same when the work is split — the capacity model adds them up.
 */
export async function benchMultiProcess(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (db !== 'postgres' || server.databaseUrl === null) {
    // PostgreSQL only: PGlite is one in-process connection, nothing to spread or scale.
    return;
  }
  const org = await seedKreOrg(server.ctx.db, PREFIX);
  const range = { prefix: PREFIX, from: 1, to: SESSIONS };
  await seedMachines(server.ctx.db, { ...range, orgId: org.orgId });
  await seedSessions(server.ctx.db, { ...range, subscriptionId: org.subscriptionId, userId: org.userId });
  await sql`analyze sessions`.execute(server.ctx.db);
  const ids = Array.from({ length: SESSIONS }, (_, i) =>
    benchUuid(labels.session(PREFIX, 1 + ((i * 7919) % SESSIONS))),
  );
  const half = (from: number) => ids.filter((_, i) => i % 2 === from);
  const cluster = await createClusterMeter(server.ctx.db);
  const env = {
    DATABASE_URL: server.databaseUrl,
    TESSERA_MASTER_KEY: BENCH_MASTER_SECRET,
    TESSERA_SESSION_TTL_SECONDS: '3600',
  };
  const servers: ServerProcess[] = await Promise.all([spawnServerProcess(env), spawnServerProcess(env)]);
  try {
    const spec = (url: string, connections: number, sessionIds: string[]): LoadSpec => ({
      url,
      method: 'POST',
      connections,
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      clients: [
        {
          authorization: `Bearer ${org.apiKey}`,
          requests: sessionIds.map((id) => ({ path: HTTP_PATHS.heartbeat(id) })),
        },
      ],
    });
    const measure = async (specs: { spec: LoadSpec; pid: number }[]): Promise<Measured> => {
      const cpu0 = specs.map((s) => processCpuMs(s.pid));
      const db0 = cluster();
      const results: LoadResult[] = await Promise.all(specs.map((s) => runLoad(s.spec)));
      const cpu1 = specs.map((s) => processCpuMs(s.pid));
      const db1 = cluster();
      const failed = results.find((r) => r.non2xx + r.errors > 0);
      if (failed !== undefined) throw new Error(`heartbeats failed: ${failed.firstFailure}`);
      const all = results.reduce((n, r) => n + (r.allResponses ?? r.completed), 0);
      const serverMs = cpu1.reduce((n, v, i) => n + v - (cpu0[i] ?? 0), 0);
      return {
        rps: results.reduce((n, r) => n + r.requestsPerSecond, 0),
        p99: Math.max(...results.map((r) => r.p99Ms ?? 0)),
        serverUs: (serverMs * 1000) / Math.max(1, all),
        dbUs: db0 === null || db1 === null ? null : ((db1 - db0) * 1000) / Math.max(1, all),
      };
    };
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const pidOf = (s: ServerProcess) => s.child.pid ?? 0;
    const rounds = await repeat(config.repeats, async () => ({
      one: await measure([{ spec: spec(`${a.url}`, 32, ids), pid: pidOf(a) }]),
      two: await measure([
        { spec: spec(`${a.url}`, 16, half(0)), pid: pidOf(a) },
        { spec: spec(`${b.url}`, 16, half(1)), pid: pidOf(b) },
      ]),
    }));
    for (const shape of ['one', 'two'] as const) {
      const key = `server.${db}.multi.processes_${shape}`;
      figures.add(
        `${key}.rps`,
        medianOf(rounds, (r) => r[shape].rps),
        'req/s',
        { note: 'heartbeats, sum over the processes' },
      );
      figures.add(
        `${key}.p99`,
        medianOf(rounds, (r) => r[shape].p99),
        'ms',
      );
      figures.add(
        `${key}.cpu.server_us`,
        medianOf(rounds, (r) => r[shape].serverUs),
        'µs/req',
        { note: 'all server processes' },
      );
      figures.add(
        `${key}.cpu.db_us`,
        medianOf(rounds, (r) => r[shape].dbUs),
        'µs/req',
      );
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
