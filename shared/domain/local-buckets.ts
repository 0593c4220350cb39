// Chart buckets that start on the viewer's own hours and midnights (a local day is 23 or 25 hours
// across a daylight-saving change), computed with Intl only so shared/ stays pure.

/** How wide one bucket of the utilization chart is. */
export type BucketSize = 'hour' | 'day';

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  const known = formatters.get(timeZone);
  if (known) return known;
  const made = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  formatters.set(timeZone, made);
  return made;
};

/** Whether Intl knows the IANA time zone name (the server refuses others with a sentence). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant in a zone. */
function wallClock(t: number, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    y: get('year'),
    mo: get('month'),
    d: get('day'),
    h: get('hour'),
    mi: get('minute'),
    s: get('second'),
  };
}

const utcZones = new Map<string, boolean>();

/** Whether Intl resolves the zone name to UTC (no offset ever), so no instant needs formatting. */
const isUtc = (timeZone: string): boolean => {
  const known = utcZones.get(timeZone);
  if (known !== undefined) return known;
  const utc = formatter(timeZone).resolvedOptions().timeZone === 'UTC';
  utcZones.set(timeZone, utc);
  return utc;
};

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(t: number, timeZone: string): number {
  return isUtc(timeZone) ? 0 : offsetOf(wallClock(t, timeZone), t);
}

/** The offset of a zone at `t` whose wall clock there is `w`, in ms. */
const offsetOf = (w: ReturnType<typeof wallClock>, t: number): number =>
  Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000;

/** The instant a wall-clock time happens in the zone (the later offset wins across a change). */
function instantOf(wall: number, timeZone: string): number {
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** The start of the bucket holding `t`: the local hour or the local midnight. */
function bucketStart(t: number, size: BucketSize, timeZone: string): number {
  const w = wallClock(t, timeZone);
  return instantOf(Date.UTC(w.y, w.mo - 1, w.d, size === 'hour' ? w.h : 0), timeZone);
}

/**
 * The start of the bucket after the one starting at `start`. A date the zone skipped has no midnight
 * (Pacific/Apia went from 29 to 31 December 2011): its wall time maps back onto `start`, so the next
 * date's midnight is taken.
 */
function nextStart(start: number, size: BucketSize, timeZone: string): number {
  if (size === 'hour') return start + 3_600_000;
  const w = wallClock(start, timeZone);
  for (let days = 1; ; days++) {
    const next = instantOf(Date.UTC(w.y, w.mo - 1, w.d + days), timeZone);
    if (next > start) return next;
  }
}

const DAY_MS = 86_400_000;

/** A day bucket's start, its offset, and whether its wall clock reads midnight (not so on a date whose midnight was skipped). */
interface DayStart {
  readonly at: number;
  readonly offset: number;
  readonly midnight: boolean;
}

/** A day bucket start found by the exact step, with what the one-call step needs of it. */
function dayStart(at: number, timeZone: string): DayStart {
  const w = wallClock(at, timeZone);
  return { at, offset: offsetOf(w, at), midnight: w.h === 0 && w.mi === 0 && w.s === 0 };
}

/**
 * The day bucket after `start`, with one Intl call instead of nextStart's three: when `start` is a
 * wall-clock midnight and the offset two days on is still its offset, no change happened in between (a
 * zone changes its offset at most once in two days) and the next midnight is 24 hours on, as nextStart
 * would find it (its wall clock and every instant it reads lie within those two days); otherwise
 * nextStart's exact step.
 */
function nextDay(start: DayStart, timeZone: string): DayStart {
  if (start.midnight && offsetAt(start.at + 2 * DAY_MS, timeZone) === start.offset)
    return { ...start, at: start.at + DAY_MS };
  return dayStart(nextStart(start.at, 'day', timeZone), timeZone);
}

/** Bucket starts from the bucket holding `from` up to `to` (exclusive), at most `limit` of them. */
export function bucketStarts(
  range: { from: number; to: number; size: BucketSize; timeZone: string },
  limit: number,
): number[] {
  const starts: number[] = [];
  const first = bucketStart(range.from, range.size, range.timeZone);
  if (range.size === 'hour')
    for (let t = first; t < range.to && starts.length < limit; t = nextStart(t, 'hour', range.timeZone))
      starts.push(t);
  else
    for (
      let d = dayStart(first, range.timeZone);
      d.at < range.to && starts.length < limit;
      d = nextDay(d, range.timeZone)
    )
      starts.push(d.at);
  return starts;
}
