import type { Model } from './model';
import { TERMS, type ProductName } from './world';

// The utilization chart the model expects (admin usage endpoint, hour buckets): seats held count in
// every bucket for seat-like lines (R1, R19); for session lines each session counts in every bucket
// from the one it started in to the one it was last heard in or ended in (R21).

const HOUR = 3_600_000;

/** One point of the chart. */
export interface UsagePoint {
  readonly at: string;
  readonly inUse: number;
  readonly quota: number;
}

/** The chart of a product from `from` to `to` (epoch ms) as the model sees it. */
export function usageSeriesOf(m: Model, p: ProductName, from: number, to: number): UsagePoint[] {
  const count = Math.ceil((to - from) / HOUR);
  const seatLike = TERMS[p].kind === 'per-user';
  const spans = seatLike
    ? []
    : m.sessions
        .filter((s) => s.product === p)
        .map((s) => ({
          first: Math.max(0, Math.floor((s.startedAt - from) / HOUR)),
          last: Math.floor(((s.endedAt ?? s.heartbeatAt) - from) / HOUR),
        }));
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(from + i * HOUR).toISOString(),
    inUse: (seatLike ? m.seats.size : 0) + spans.filter((s) => s.first <= i && i <= s.last).length,
    quota: TERMS[p].quota,
  }));
}
