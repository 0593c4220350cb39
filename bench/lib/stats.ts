// Order statistics for noisy shared machines: medians of repeated runs, exact percentiles of samples.

/** The p-th percentile (0–100) of samples by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median, the figure every repeated measurement reports so one noisy run does not decide. */
export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds for the results file and the table, keeping three significant decimals at most. */
export const round = (value: number, digits = 3): number =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

/** Runs `work` `times` times and returns each run's result, so the caller takes medians per field. */
export async function repeat<T>(times: number, work: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let run = 0; run < times; run += 1) out.push(await work(run));
  return out;
}

/** Median of one field across repeated runs, ignoring runs that measured nothing (null if none did). */
export function medianOf<T>(runs: readonly T[], pick: (run: T) => number | null): number | null {
  const values = runs.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length === 0 ? null : median(values);
}

/** A percentile for the results file: null instead of NaN when there were no samples. */
export const percentileOrNull = (samples: readonly number[], p: number): number | null =>
  samples.length === 0 ? null : percentile(samples, p);

/** Times a synchronous or async operation `iterations` times; returns per-operation milliseconds. */
export async function timeEach(iterations: number, op: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await op();
    samples.push(performance.now() - start);
  }
  return samples;
}
