import { readdirSync, readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src-server/db/schema';

// CPU time, not wall time: on a shared 2-core machine the time a request waits for a core is noise,
// the CPU it burns is not. The server process is this process; PostgreSQL is every process of the
// bench cluster (postmaster and its children, read from /proc, Linux only).

/** CPU milliseconds spent so far by the server process and by the PostgreSQL cluster (null if unknown). */
export interface CpuReading {
  readonly serverMs: number;
  readonly dbMs: number | null;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** utime + stime (ms) and parent pid of a process, or null when it is gone or unreadable. */
function statOf(pid: number): { ppid: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? { ppid, ms: (ticks * 1000) / TICKS_PER_SECOND } : null;
  } catch {
    return null;
  }
}

/** CPU ms used so far by another process (a spawned server), 0 once it is gone. */
export const processCpuMs = (pid: number): number => statOf(pid)?.ms ?? 0;

/** The PostgreSQL cluster's CPU ms so far (postmaster and children, exited backends kept), for meters of other processes. */
export async function createClusterMeter(db: Kysely<Database>): Promise<() => number | null> {
  const meter = await createCpuMeter(db, true);
  return () => meter().dbMs;
}

/**
 * CPU ms of a postmaster and all its children (backends, walwriter, checkpointer…), never going
 * down: a backend that exits (the pool closes idle connections) keeps the time last read for it.
 */
function clusterCpuMs(postmaster: number, seen: Map<number, number>): number {
  seen.set(postmaster, statOf(postmaster)?.ms ?? seen.get(postmaster) ?? 0);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    const stat = statOf(pid);
    if (stat !== null && stat.ppid === postmaster) seen.set(pid, stat.ms);
  }
  let total = 0;
  for (const ms of seen.values()) total += ms;
  return total;
}

/** A meter for one database: finds the postmaster through a backend's parent (null on PGlite or non-Linux). */
export async function createCpuMeter(db: Kysely<Database>, isPostgres: boolean): Promise<() => CpuReading> {
  let postmaster: number | null = null;
  if (isPostgres && process.platform === 'linux') {
    const row = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    const backend = row.rows[0]?.pid;
    postmaster = backend === undefined ? null : (statOf(backend)?.ppid ?? null);
  }
  const seen = new Map<number, number>();
  if (postmaster !== null) clusterCpuMs(postmaster, seen);
  return () => {
    const usage = process.cpuUsage();
    return {
      serverMs: (usage.user + usage.system) / 1000,
      dbMs: postmaster === null ? null : clusterCpuMs(postmaster, seen),
    };
  };
}

/** CPU µs per operation between two readings (server, database). */
export function cpuPerOp(
  before: CpuReading,
  after: CpuReading,
  ops: number,
): { serverUs: number; dbUs: number | null } {
  const n = Math.max(1, ops);
  return {
    serverUs: ((after.serverMs - before.serverMs) * 1000) / n,
    dbUs: after.dbMs === null || before.dbMs === null ? null : ((after.dbMs - before.dbMs) * 1000) / n,
  };
}

/** CPU ms per second of wall time that the processes burn with no load at all (timers, jobs, autovacuum). */
export interface IdleRate {
  readonly serverMsPerS: number;
  readonly dbMsPerS: number | null;
}

/** Measures the idle rate over `seconds` of doing nothing. */
export async function idleRate(meter: () => CpuReading, seconds: number): Promise<IdleRate> {
  const before = meter();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = meter();
  const wall = Math.max(0.001, (performance.now() - started) / 1000);
  return {
    serverMsPerS: (after.serverMs - before.serverMs) / wall,
    dbMsPerS: after.dbMs === null || before.dbMs === null ? null : (after.dbMs - before.dbMs) / wall,
  };
}

/**
 * CPU µs per operation between two readings `wallSeconds` apart, less what the processes burn idle in
 * that time: at a few dozen operations a second the idle share would otherwise dominate both sides.
 */
export function netCpuPerOp(
  before: CpuReading,
  after: CpuReading,
  ops: number,
  idle: IdleRate,
  wallSeconds: number,
): { serverUs: number; dbUs: number | null } {
  const idleServer: CpuReading = {
    serverMs: after.serverMs - idle.serverMsPerS * wallSeconds,
    dbMs: after.dbMs === null || idle.dbMsPerS === null ? null : after.dbMs - idle.dbMsPerS * wallSeconds,
  };
  const net = cpuPerOp(before, idleServer, ops);
  return { serverUs: Math.max(0, net.serverUs), dbUs: net.dbUs === null ? null : Math.max(0, net.dbUs) };
}
