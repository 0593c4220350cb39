import { sql } from 'kysely';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { CULL_BATCH, cullStaleSessions } from '../../src-server/jobs/session-culler';
import { heartbeat } from '../../src-server/services/heartbeat-release';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import { createCpuMeter } from '../lib/cpu-meter';
import type { Figures } from '../lib/figures';
import type { LoadSpec } from '../load/load-spec';
import { runLoad } from '../load/run-load';
import { addVersusFigures, versusDirect } from '../lib/versus-direct';
import { benchUuid, labels, seedKreOrg, seedMachines, seedSessions, withIndexesRebuilt } from './bulk-seed';

const PREFIX = 'sc';
const LIVE = 'sc-live';
/** Session ids the load walks at each size: a uniform sample of the whole table, not its first rows. */
const SAMPLE = 50_000;
/** Live sessions heart-beaten while the culling job ends all the others. */
const LIVE_DURING_CULL = 10_000;

const sampleIds = (prefix: string, size: number, count: number): string[] =>
  Array.from({ length: Math.min(count, size) }, (_, i) =>
    benchUuid(labels.session(prefix, 1 + Math.floor((((i * 7919) % count) * size) / count))),
  );

const heartbeatLoad = (
  url: string,
  apiKey: string,
  ids: string[],
  seconds: number,
  warmup: number,
): LoadSpec => ({
  url,
  method: 'POST',
  connections: 32,
  durationSeconds: seconds,
  warmupSeconds: warmup,
  clients: [
    { authorization: `Bearer ${apiKey}`, requests: ids.map((id) => ({ path: HTTP_PATHS.heartbeat(id) })) },
  ],
});

/** Machines and live sessions `from..to` of one organization, loaded with the secondary indexes rebuilt. */
async function seedLive(
  server: TestServer,
  org: { orgId: string; subscriptionId: string; userId: string },
  prefix: string,
  from: number,
  to: number,
): Promise<void> {
  const range = { prefix, from, to };
  await withIndexesRebuilt(server.ctx.db, 'machines', () =>
    seedMachines(server.ctx.db, { ...range, orgId: org.orgId }),
  );
  await withIndexesRebuilt(server.ctx.db, 'sessions', () =>
    seedSessions(server.ctx.db, { ...range, subscriptionId: org.subscriptionId, userId: org.userId }),
  );
  await sql`analyze machines`.execute(server.ctx.db);
  await sql`analyze sessions`.execute(server.ctx.db);
}

/** Table and index sizes of `sessions` (bytes) as figures. */
async function addSizes(server: TestServer, figures: Figures, key: string): Promise<void> {
  const rows = await sql<{ name: string; bytes: string }>`
    select 'table' as name, pg_relation_size('sessions')::text as bytes
    union all select 'total', pg_total_relation_size('sessions')::text
    union all select c.relname, pg_relation_size(c.oid)::text
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'sessions'::regclass`.execute(server.ctx.db);
  for (const r of rows.rows) figures.add(`${key}.bytes.${r.name}`, Number(r.bytes) / 1e6, 'MB');
}

/**
 * PostgreSQL at scale: heartbeats at each size of live sessions (the load walks a uniform sample of
 * the whole table), sizes of the table and its indexes, then every session but a live set made stale
 * and culled by the job's loop while that live set keeps heart-beating: cull duration and the
 * heartbeats' throughput and p99 during the cull.
 */
export async function benchScale(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The scale bench needs a listening server.');
  if (db !== 'postgres') {
    // PostgreSQL only: PGlite is one in-process connection, nothing to spread or scale.
    return;
  }
  const url = server.url;
  const key = `server.${db}.scale`;
  const org = await seedKreOrg(server.ctx.db, PREFIX);
  const meter = await createCpuMeter(server.ctx.db, true);
  const sizes = [...config.scaleSessions].sort((a, b) => a - b);
  let seeded = 0;
  const rpsAt: number[] = [];
  for (const size of sizes) {
    const started = performance.now();
    await seedLive(server, org, PREFIX, seeded + 1, size);
    figures.add(`${key}.sessions${size}.seed`, performance.now() - started, 'ms', {
      note: `${size - seeded} machines + sessions added`,
    });
    seeded = size;
    const ids = sampleIds(PREFIX, size, SAMPLE);
    const load = heartbeatLoad(url, org.apiKey, ids, config.durationSeconds, config.warmupSeconds);
    const rounds = await versusDirect(
      config.repeats,
      load,
      async (worker, i) => {
        const id = ids[(worker * 977 + i) % ids.length];
        return id !== undefined && (await heartbeat(server.ctx, org.userId, id)).ok;
      },
      { meter, profileLabel: `${db}-scale-${size}` },
    );
    addVersusFigures(figures, `${key}.sessions${size}`, rounds);
    const sorted = rounds.map((r) => r.http.requestsPerSecond).sort((a, b) => a - b);
    rpsAt.push(sorted[Math.floor(sorted.length / 2)] ?? 0);
    await addSizes(server, figures, `${key}.sessions${size}`);
  }
  const [first, last] = [rpsAt[0], rpsAt[rpsAt.length - 1]];
  if (sizes.length > 1 && first !== undefined && last !== undefined)
    figures.add(`${key}.rps_largest_over_smallest`, last / Math.max(first, 1e-9), 'x', {
      target: { op: '>=', value: 0.9 },
      note: `${sizes[sizes.length - 1]} vs ${sizes[0]} live sessions`,
    });
  await benchCull(server, config, figures, { key, url, seeded, subscriptionId: org.subscriptionId });
}

/** Makes the big organization's sessions stale and culls them while a live set heart-beats. */
async function benchCull(
  server: TestServer,
  config: BenchConfig,
  figures: Figures,
  q: { key: string; url: string; seeded: number; subscriptionId: string },
): Promise<void> {
  const live = await seedKreOrg(server.ctx.db, LIVE);
  const liveCount = Math.min(LIVE_DURING_CULL, q.seeded);
  await seedLive(server, live, LIVE, 1, liveCount);
  const ids = sampleIds(LIVE, liveCount, liveCount);
  const stale = performance.now();
  await sql`update sessions set heartbeat_at = now() - interval '2 hours'
    where subscription_id = ${q.subscriptionId}::uuid and ended_at is null`.execute(server.ctx.db);
  figures.add(`${q.key}.make_stale.duration`, performance.now() - stale, 'ms', {
    note: `one UPDATE of ${q.seeded} sessions (bench set-up, not the job)`,
  });
  await sql`analyze sessions`.execute(server.ctx.db);
  const alone = await runLoad(
    heartbeatLoad(q.url, live.apiKey, ids, config.durationSeconds, config.warmupSeconds),
  );
  const during = runLoad(
    heartbeatLoad(q.url, live.apiKey, ids, config.cullLoadSeconds, config.warmupSeconds),
  );
  // The load generator needs a moment to start (a tsx child) and warm up before the cull begins.
  await new Promise((resolve) =>
    setTimeout(resolve, (config.warmupSeconds + (config.quick ? 0.5 : 2.5)) * 1000),
  );
  let loadEnded = Number.POSITIVE_INFINITY;
  const markEnd = () => void (loadEnded = performance.now());
  void during.then(markEnd, markEnd);
  const batches: { ms: number; underLoad: boolean }[] = [];
  const started = performance.now();
  let batchStarted = started;
  // With concurrent workers a batch's time is the time since the previous one committed: the pace.
  const culled = await cullStaleSessions(server.ctx.db, Date.now(), 3600, {
    onBatch: (ended) => {
      const now = performance.now();
      if (ended === CULL_BATCH) batches.push({ ms: now - batchStarted, underLoad: now <= loadEnded });
      batchStarted = now;
    },
  });
  const cullMs = performance.now() - started;
  const withCull = await during;
  if (withCull.non2xx + withCull.errors > 0)
    throw new Error(`heartbeats failed during the cull: ${withCull.firstFailure}`);
  figures.add(`${q.key}.cull.sessions${q.seeded}.duration`, cullMs, 'ms', {
    target: { op: '<=', value: 60_000 },
    note: `${culled} sessions ended in batches while ${liveCount} live sessions heart-beat`,
  });
  addBatchFigures(figures, `${q.key}.cull`, batches, q.seeded);
  figures.add(`${q.key}.cull.heartbeat.before.rps`, alone.requestsPerSecond, 'req/s');
  figures.add(`${q.key}.cull.heartbeat.before.p99`, alone.p99Ms, 'ms');
  figures.add(`${q.key}.cull.heartbeat.during.rps`, withCull.requestsPerSecond, 'req/s', {
    note: `${config.cullLoadSeconds} s of load from the cull's start`,
  });
  figures.add(`${q.key}.cull.heartbeat.during.p99`, withCull.p99Ms, 'ms');
}

/**
 * The cull's full batches timed apart: those that ended while the heartbeat load ran, those after it
 * (the machine to the cull alone), and what the whole cull would take at the second pace. The pace is
 * a mean: with two workers the times between commits alternate short and long, so a median is not one.
 */
function addBatchFigures(
  figures: Figures,
  key: string,
  batches: readonly { ms: number; underLoad: boolean }[],
  sessions: number,
): void {
  const pace = (underLoad: boolean) => {
    const times = batches.filter((b) => b.underLoad === underLoad).map((b) => b.ms);
    return { n: times.length, ms: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null };
  };
  const [loaded, alone] = [pace(true), pace(false)];
  const note = (n: number) => `mean of ${n} batches of ${CULL_BATCH}, time between commits`;
  figures.add(`${key}.batch.under_load.mean`, loaded.ms, 'ms', { note: note(loaded.n) });
  figures.add(`${key}.batch.alone.mean`, alone.ms, 'ms', { note: note(alone.n) });
  if (alone.ms !== null)
    figures.add(`${key}.sessions${sessions}.alone_pace`, (alone.ms * sessions) / CULL_BATCH, 'ms', {
      note: 'every batch at the pace of those run after the load ended',
    });
}
