// `npm run bench [-- --quick] [--only activation,heartbeat,offline,admin,scale,burst,multi,agent,agent-activate,startup,server-start,renderer] [--db pglite,postgres]`:
// runs the suites on this machine, prints the table and writes bench/results/<timestamp>.json.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { startPostgresCluster } from '../test/support/postgres-cluster';
import { startTestServer, type DbKind, type TestServer } from '../test/support/test-server';
import { benchAgentActivate } from './agent/activate-bench';
import { benchAgent } from './agent/agent-bench';
import { benchStartup } from './agent/startup-bench';
import { benchRenderer } from './renderer/renderer-bench';
import { FULL, QUICK, type BenchConfig } from './lib/bench-config';
import { Figures } from './lib/figures';
import { describeMachine, formatTable, writeResults } from './lib/report';
import { benchActivations } from './server/activation-bench';
import { benchAdminReads } from './server/admin-reads-bench';
import { benchBurst } from './server/burst-bench';
import { benchHeartbeats } from './server/heartbeat-bench';
import { BENCH_MASTER_SECRET, benchMultiProcess } from './server/multi-process-bench';
import { benchOfflineLicenses } from './server/offline-bench';
import { resolveMasterKey } from '../src-server/keys/master-key';
import { benchScale } from './server/scale-bench';
import { benchServerStart } from './server/server-start-bench';

/**
 * The bench's PostgreSQL is sized as one serving a million agents would be: its working set in memory
 * (1M live sessions are 217–233 MB of table and indexes, beyond the default 128 MB of buffers).
 */
const BENCH_CLUSTER = { shared_buffers: '512MB' };

type ServerSuite = (server: TestServer, db: DbKind, config: BenchConfig, figures: Figures) => Promise<void>;

const SERVER_SUITES: Record<string, ServerSuite> = {
  activation: benchActivations,
  heartbeat: benchHeartbeats,
  offline: benchOfflineLicenses,
  admin: benchAdminReads,
  scale: benchScale,
  burst: benchBurst,
  multi: benchMultiProcess,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    db: { type: 'string', default: 'pglite,postgres' },
    out: { type: 'string', default: fileURLToPath(new URL('./results/', import.meta.url)) },
    /** Live-session sizes for heartbeat and scale, e.g. `--sessions 100000,1000000`. */
    sessions: { type: 'string' },
    /** Distinct users of the morning burst (default 20,000). */
    users: { type: 'string' },
  },
});
const sizes = values.sessions
  ?.split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const config: BenchConfig = {
  ...(values.quick ? QUICK : FULL),
  ...(sizes !== undefined && sizes.length > 0 ? { heartbeatSessions: sizes, scaleSessions: sizes } : {}),
  ...(values.users === undefined ? {} : { burstUsers: Number(values.users) }),
};
// `server-start` spawns real server processes (minutes on a loaded machine): in a --quick run only when named.
const only = new Set(
  (
    values.only ??
    [
      ...Object.keys(SERVER_SUITES),
      'agent',
      'agent-activate',
      'startup',
      'renderer',
      ...(values.quick ? [] : ['server-start']),
    ].join(',')
  ).split(','),
);
const dbs = (values.db ?? '').split(',').filter((d): d is DbKind => d === 'pglite' || d === 'postgres');
const log = (line: string): void =>
  void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Runs one suite; a failure becomes a figure with a note (and a non-zero exit) instead of ending the run. */
async function guarded(name: string, figures: Figures, work: () => Promise<void>): Promise<boolean> {
  log(`${name}…`);
  try {
    await work();
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${message}`);
    figures.add(`${name}.failed`, null, '', { note: message.slice(0, 200) });
    return false;
  }
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const figures = new Figures();
  let allOk = true;
  let postgresVersion: string | null = null;
  const serverSuites = Object.entries(SERVER_SUITES).filter(([name]) => only.has(name));
  const cluster =
    dbs.includes('postgres') && serverSuites.length > 0 ? await startPostgresCluster(BENCH_CLUSTER) : null;
  try {
    for (const db of serverSuites.length > 0 ? dbs : []) {
      const server = await startTestServer({
        db,
        postgresUrl: cluster?.url,
        listen: true,
        sessionTtlSeconds: 3600,
        authFailuresPerMinute: 1_000_000,
        masterKey: resolveMasterKey(BENCH_MASTER_SECRET, '/nonexistent').key,
      });
      try {
        if (db === 'postgres') {
          const row = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
            server.ctx.db,
          );
          postgresVersion = row.rows[0]?.v ?? null;
        }
        for (const [name, suite] of serverSuites) {
          allOk =
            (await guarded(`server.${db}.${name}`, figures, () => suite(server, db, config, figures))) &&
            allOk;
        }
      } finally {
        await server.close();
      }
    }
    if (only.has('agent'))
      allOk = (await guarded('agent', figures, () => benchAgent(config, figures))) && allOk;
    if (only.has('agent-activate'))
      allOk = (await guarded('agent-activate', figures, () => benchAgentActivate(config, figures))) && allOk;
    if (only.has('server-start'))
      allOk = (await guarded('server-start', figures, () => benchServerStart(config, figures))) && allOk;
    if (only.has('startup'))
      allOk = (await guarded('startup', figures, () => benchStartup(config, figures))) && allOk;
    if (only.has('renderer'))
      allOk = (await guarded('renderer', figures, () => benchRenderer(config, figures))) && allOk;
  } finally {
    await cluster?.stop();
  }
  const path = writeResults(values.out ?? 'bench/results', {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: config.quick,
    repeats: config.repeats,
    machine: describeMachine(postgresVersion, loadAtStart),
    figures: figures.list,
  });
  const load = `load average ${loadAtStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${describeMachine(null, 0).cpus} CPUs`;
  process.stdout.write(`${formatTable(figures.list)}\n\n${load}\nResults: ${path}\n`);
  return allOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
