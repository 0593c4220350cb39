import { machineLicenses } from './line-use';

// Utilization as concurrent use (R9, R21, R22): how many licenses were in use at the same time within
// each bucket, by the same per-holder rule as line-use.ts, so the chart's "now" equals License Management.
// `concurrentUse` is the definition; the server runs the same sweep in SQL (src-server/repositories/
// usage-sweep.ts), held equal to it by a property test, and ends it with `bucketUse`.

/** One interval of use: `key` is the holder (a machine ID, a seat, an application), `until` null = still running. */
export interface UseSpan {
  readonly key: string;
  /** A hold (seat, reservation, offline file, application) or one running session. */
  readonly kind: 'hold' | 'session';
  readonly from: number;
  readonly until: number | null;
}

/** Peak and time-weighted average of licenses in use during one bucket. */
export interface BucketUse {
  readonly at: number;
  readonly peak: number;
  readonly average: number;
}

/**
 * One bucket's figures from its sweep: the total at its start (`level`), its peak, and its area
 * (licenses × ms) up to `until`; the average is area over length, or the level for an empty bucket.
 */
export function bucketUse(b: {
  at: number;
  until: number;
  level: number;
  peak: number;
  area: number;
}): BucketUse {
  const average = b.until > b.at ? b.area / (b.until - b.at) : b.level;
  return { at: b.at, peak: b.peak, average: Math.round(average * 100) / 100 };
}

interface Holder {
  holds: number;
  sessions: number;
}

const unitsOf = (h: Holder) => machineLicenses({ held: h.holds > 0, sessions: h.sessions });

/**
 * Peak and average concurrent use per bucket; bucket i runs from `starts[i]` to `starts[i + 1]`
 * (the last to `end`). A holder uses max(held, sessions) licenses at each instant (line-use.ts).
 */
export function concurrentUse(
  spans: readonly UseSpan[],
  starts: readonly number[],
  end: number,
): BucketUse[] {
  const events = spans.flatMap((s) => {
    const delta = { key: s.key, kind: s.kind };
    const open = [{ ...delta, at: s.from, d: 1 }];
    return s.until === null ? open : [...open, { ...delta, at: s.until, d: -1 }];
  });
  events.sort((a, b) => a.at - b.at);
  const holders = new Map<string, Holder>();
  let total = 0;
  let next = 0;
  const applyUntil = (t: number) => {
    while (next < events.length) {
      const e = events[next];
      if (e === undefined || e.at > t) break;
      const h = holders.get(e.key) ?? { holds: 0, sessions: 0 };
      const before = unitsOf(h);
      if (e.kind === 'hold') h.holds += e.d;
      else h.sessions += e.d;
      holders.set(e.key, h);
      total += unitsOf(h) - before;
      next += 1;
    }
  };
  return starts.map((at, i) => {
    const until = Math.min(starts[i + 1] ?? end, end);
    applyUntil(at);
    const level = total;
    let peak = total;
    let area = 0;
    let t = at;
    while (next < events.length && (events[next]?.at ?? Infinity) < until) {
      const step = events[next]?.at ?? until;
      area += total * (step - t);
      t = step;
      applyUntil(step);
      peak = Math.max(peak, total);
    }
    area += total * Math.max(0, until - t);
    return bucketUse({ at, until, level, peak, area });
  });
}
