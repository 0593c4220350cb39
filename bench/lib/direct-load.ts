import { percentileOrNull } from './stats';
import type { LoadResult } from '../load/load-spec';

/** How to drive an operation in-process: `concurrency` loops, each calling `op(worker, iteration)`. */
export interface DirectLoad {
  readonly concurrency: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** Resolves true when the operation succeeded; false counts as a failure (like a non-2xx). */
  readonly op: (worker: number, iteration: number) => Promise<boolean>;
}

/** The no-HTTP twin of the load generator, measured the same way, so server ÷ direct is a fair ratio. */
export async function runDirect(load: DirectLoad): Promise<LoadResult> {
  const started = performance.now();
  const countFrom = started + load.warmupSeconds * 1000;
  const stopAt = countFrom + load.durationSeconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  let errors = 0;
  let firstFailure: string | null = null;
  const loop = async (worker: number): Promise<void> => {
    for (let i = 0; performance.now() < stopAt; i += 1) {
      const t0 = performance.now();
      let okay = false;
      try {
        okay = await load.op(worker, i);
      } catch (error) {
        errors += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      if (t0 < countFrom) continue;
      latencies.push(performance.now() - t0);
      if (!okay) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, (_, worker) => loop(worker)));
  const measuredSeconds = Math.max(0.001, (performance.now() - countFrom) / 1000);
  return {
    requestsPerSecond: latencies.length / measuredSeconds,
    completed: latencies.length,
    non2xx: failures,
    errors,
    p50Ms: percentileOrNull(latencies, 50),
    p95Ms: percentileOrNull(latencies, 95),
    p99Ms: percentileOrNull(latencies, 99),
    measuredSeconds,
    firstFailure,
  };
}
