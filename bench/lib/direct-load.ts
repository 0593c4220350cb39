import { percentileOrNull } from './stats';
import type { LoadResult } from '../load/load-spec';

/** How to drive an operation in-process: `concurrency` loops, each calling `op(worker, iteration)`. */
export interface DirectLoad {
  readonly concurrency: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** Resolves true when the operation succeeded; false counts as a failure (like a non-2xx). */
  readonly op: (worker: number, iteration: number) => Promise<boolean>;
  /**
   * Paced: operations start at this rate overall (each waits for its turn, at most `concurrency` at
   * once), so the work arrives as the HTTP load's did and is batched the same; unset: as fast as possible.
   */
  readonly ratePerSecond?: number;
}

const sleepUntil = (at: number): Promise<void> | undefined => {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
};

/** The no-HTTP twin of the load generator, measured the same way (closed loop, or paced at a given rate). */
export async function runDirect(load: DirectLoad): Promise<LoadResult> {
  const started = performance.now();
  const countFrom = started + load.warmupSeconds * 1000;
  const stopAt = countFrom + load.durationSeconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  let errors = 0;
  let firstFailure: string | null = null;
  const rate = load.ratePerSecond;
  let tickets = 0;
  const loop = async (worker: number): Promise<void> => {
    for (let i = 0; performance.now() < stopAt; i += 1) {
      if (rate !== undefined) {
        const due = started + (tickets * 1000) / rate;
        tickets += 1;
        await sleepUntil(due);
        if (performance.now() >= stopAt) break;
      }
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
