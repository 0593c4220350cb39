import type { LoadResult, LoadSpec } from '../load/load-spec';
import { runLoad } from '../load/run-load';
import { cpuPerOp, idleRate, netCpuPerOp, type CpuReading } from './cpu-meter';
import { runDirect } from './direct-load';
import type { Figures } from './figures';
import { medianOf, repeat } from './stats';
import { profiled } from './window-profile';

/** CPU µs per request (server process, PostgreSQL cluster) over one measurement, warm-up included. */
export interface CpuCost {
  readonly serverUs: number;
  readonly dbUs: number | null;
}

/**
 * One round: the HTTP load, then the same operation in-process as fast as it goes, and their
 * throughput ratio; with a meter also the operation paced at the rate HTTP reached (`paced`).
 */
export interface VersusRound {
  readonly http: LoadResult;
  readonly direct: LoadResult;
  readonly ratio: number;
  readonly paced?: LoadResult;
  readonly cpu?: {
    readonly http: CpuCost;
    readonly direct: CpuCost;
    readonly paced: CpuCost;
    /** HTTP and paced again, less the idle CPU of their wall time: the fair ratio's inputs. */
    readonly netHttp: CpuCost;
    readonly netPaced: CpuCost;
  };
}

/** Server-side CPU (server process plus PostgreSQL when measured apart) per operation. */
const serverSide = (c: CpuCost): number => c.serverUs + (c.dbUs ?? 0);

/** What `versusDirect` may also do: read CPU around each half, and name the HTTP half's profile. */
export interface VersusOptions {
  readonly meter?: () => CpuReading;
  readonly profileLabel?: string;
}

/**
 * Runs `repeats` rounds of HTTP load (child process) followed by the same operation called directly,
 * so each ratio compares two measurements taken seconds apart on the same noisy machine.
 */
export async function versusDirect(
  repeats: number,
  load: LoadSpec,
  op: (worker: number, iteration: number) => Promise<boolean>,
  options: VersusOptions = {},
): Promise<VersusRound[]> {
  const { meter, profileLabel } = options;
  return repeat(repeats, async (run) => {
    const w0 = performance.now();
    const t0 = meter?.();
    const http = await (profileLabel === undefined || run > 0
      ? runLoad(load)
      : profiled(profileLabel, () => runLoad(load)));
    const t1 = meter?.();
    const w1 = performance.now();
    const timing = { durationSeconds: load.durationSeconds, warmupSeconds: load.warmupSeconds };
    let calls = 0;
    const counted = (worker: number, i: number) => ((calls += 1), op(worker, i));
    const direct = await runDirect({ concurrency: load.connections, ...timing, op: counted });
    const t2 = meter?.();
    if (http.non2xx + http.errors > 0) throw new Error(`HTTP load failed: ${http.firstFailure}`);
    if (direct.non2xx + direct.errors > 0) throw new Error(`direct calls failed: ${direct.firstFailure}`);
    const ratio = http.requestsPerSecond / Math.max(direct.requestsPerSecond, 1e-9);
    const httpCalls = http.allResponses ?? http.completed;
    if (!t0 || !t1 || !t2 || !meter) return { http, direct, ratio };
    // The same work arriving as the HTTP requests did (rate and concurrency), so batches are the same size
    // and the only difference left in server-side CPU is the HTTP layer; the client is not counted.
    const directCalls = calls;
    const w2 = performance.now();
    const paced = await runDirect({
      concurrency: load.connections,
      ...timing,
      op: counted,
      ratePerSecond: Math.max(1, http.requestsPerSecond),
    });
    const t3 = meter();
    const w3 = performance.now();
    const idle = await idleRate(meter, load.durationSeconds);
    if (paced.non2xx + paced.errors > 0) throw new Error(`paced calls failed: ${paced.firstFailure}`);
    const cpu = {
      http: cpuPerOp(t0, t1, httpCalls),
      direct: cpuPerOp(t1, t2, directCalls),
      paced: cpuPerOp(t2, t3, calls - directCalls),
      netHttp: netCpuPerOp(t0, t1, httpCalls, idle, (w1 - w0) / 1000),
      netPaced: netCpuPerOp(t2, t3, calls - directCalls, idle, (w3 - w2) / 1000),
    };
    return { http, direct, ratio, paced, cpu };
  });
}

/** Records rps, p50, p99, direct rps/p50 and the server ÷ direct ratio (medians over the rounds). */
export function addVersusFigures(
  figures: Figures,
  key: string,
  rounds: readonly VersusRound[],
  targets: { rps?: number; ratio?: number } = {},
): void {
  const atLeast = (value: number | undefined) =>
    value === undefined ? {} : { target: { op: '>=' as const, value } };
  const target = atLeast(targets.rps);
  figures.add(
    `${key}.rps`,
    medianOf(rounds, (r) => r.http.requestsPerSecond),
    'req/s',
    target,
  );
  figures.add(
    `${key}.p50`,
    medianOf(rounds, (r) => r.http.p50Ms),
    'ms',
  );
  figures.add(
    `${key}.p99`,
    medianOf(rounds, (r) => r.http.p99Ms),
    'ms',
  );
  figures.add(
    `${key}.direct.rps`,
    medianOf(rounds, (r) => r.direct.requestsPerSecond),
    'ops/s',
  );
  figures.add(
    `${key}.direct.p50`,
    medianOf(rounds, (r) => r.direct.p50Ms),
    'ms',
  );
  const fair = rounds.every((r) => r.cpu !== undefined);
  // Throughput ÷ throughput also charges HTTP with the load generator's share of the shared cores; the
  // target goes on the CPU ratio below when CPU was measured (BENCHMARKS.md, "HTTP layer").
  figures.add(
    `${key}.ratio_server_over_direct`,
    medianOf(rounds, (r) => r.ratio),
    'x',
    fair ? { note: 'throughput ÷ throughput; the client process shares the cores' } : atLeast(targets.ratio),
  );
  if (fair) addCpuFigures(figures, key, rounds, atLeast(targets.ratio));
}

/**
 * CPU µs per request over HTTP, per direct call and per paced direct call, server process and
 * PostgreSQL apart; and the fair ratio: server-side CPU per paced direct call ÷ per HTTP request,
 * i.e. the share of the HTTP throughput a CPU-bound server side keeps (the client is not counted).
 */
function addCpuFigures(
  figures: Figures,
  key: string,
  rounds: readonly VersusRound[],
  target: { target?: { op: '>='; value: number } },
): void {
  const db = (c: CpuCost | undefined) => c?.dbUs ?? null;
  const add = (name: string, value: number | null, unit: string) => {
    if (value !== null) figures.add(`${key}.${name}`, value, unit); // PGlite: no separate database CPU
  };
  add(
    'cpu.server_us',
    medianOf(rounds, (r) => r.cpu?.http.serverUs ?? null),
    'µs/req',
  );
  add(
    'cpu.db_us',
    medianOf(rounds, (r) => db(r.cpu?.http)),
    'µs/req',
  );
  // The load generator's share of the same cores: server + PostgreSQL + client µs per request is what
  // bounds the HTTP throughput of a machine whose cores all three share.
  add(
    'cpu.client_us',
    medianOf(rounds, (r) => {
      const calls = r.http.allResponses ?? r.http.completed;
      return r.http.clientCpuMs === undefined || calls === 0 ? null : (r.http.clientCpuMs * 1000) / calls;
    }),
    'µs/req',
  );
  add(
    'direct.cpu.server_us',
    medianOf(rounds, (r) => r.cpu?.direct.serverUs ?? null),
    'µs/op',
  );
  add(
    'direct.cpu.db_us',
    medianOf(rounds, (r) => db(r.cpu?.direct)),
    'µs/op',
  );
  add(
    'paced.cpu.server_us',
    medianOf(rounds, (r) => r.cpu?.paced.serverUs ?? null),
    'µs/op',
  );
  add(
    'paced.cpu.db_us',
    medianOf(rounds, (r) => db(r.cpu?.paced)),
    'µs/op',
  );
  add(
    'cpu.net.server_us',
    medianOf(rounds, (r) => r.cpu?.netHttp.serverUs ?? null),
    'µs/req',
  );
  add(
    'paced.cpu.net.server_us',
    medianOf(rounds, (r) => r.cpu?.netPaced.serverUs ?? null),
    'µs/op',
  );
  figures.add(
    `${key}.paced.rps`,
    medianOf(rounds, (r) => r.paced?.requestsPerSecond ?? null),
    'ops/s',
    { note: 'direct calls paced at the HTTP rate' },
  );
  figures.add(
    `${key}.ratio_cpu_server_process`,
    medianOf(rounds, (r) =>
      r.cpu ? r.cpu.netPaced.serverUs / Math.max(r.cpu.netHttp.serverUs, 1e-9) : null,
    ),
    'x',
    { note: 'server process only: paced direct µs/op ÷ HTTP µs/req, idle CPU taken out' },
  );
  figures.add(
    `${key}.ratio_cpu_server_over_direct`,
    medianOf(rounds, (r) =>
      r.cpu ? serverSide(r.cpu.netPaced) / Math.max(serverSide(r.cpu.netHttp), 1e-9) : null,
    ),
    'x',
    { ...target, note: 'server process + PostgreSQL: paced direct µs/op ÷ HTTP µs/req, idle CPU taken out' },
  );
}
