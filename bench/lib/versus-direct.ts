import type { LoadResult, LoadSpec } from '../load/load-spec';
import { runLoad } from '../load/run-load';
import { runDirect } from './direct-load';
import type { Figures } from './figures';
import { medianOf, repeat } from './stats';

/** One round: the HTTP load, then the same operation in-process, and their throughput ratio. */
export interface VersusRound {
  readonly http: LoadResult;
  readonly direct: LoadResult;
  readonly ratio: number;
}

/**
 * Runs `repeats` rounds of HTTP load (child process) followed by the same operation called directly,
 * so each ratio compares two measurements taken seconds apart on the same noisy machine.
 */
export async function versusDirect(
  repeats: number,
  load: LoadSpec,
  op: (worker: number, iteration: number) => Promise<boolean>,
): Promise<VersusRound[]> {
  return repeat(repeats, async () => {
    const http = await runLoad(load);
    const timing = { durationSeconds: load.durationSeconds, warmupSeconds: load.warmupSeconds };
    const direct = await runDirect({ concurrency: load.connections, ...timing, op });
    if (http.non2xx + http.errors > 0) throw new Error(`HTTP load failed: ${http.firstFailure}`);
    if (direct.non2xx + direct.errors > 0) throw new Error(`direct calls failed: ${direct.firstFailure}`);
    return { http, direct, ratio: http.requestsPerSecond / Math.max(direct.requestsPerSecond, 1e-9) };
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
  figures.add(
    `${key}.ratio_server_over_direct`,
    medianOf(rounds, (r) => r.ratio),
    'x',
    atLeast(targets.ratio),
  );
}
