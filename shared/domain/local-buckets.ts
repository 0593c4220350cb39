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

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000;
}

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

/** The start of the bucket after the one starting at `start`. */
function nextStart(start: number, size: BucketSize, timeZone: string): number {
  if (size === 'hour') return start + 3_600_000;
  const w = wallClock(start, timeZone);
  return instantOf(Date.UTC(w.y, w.mo - 1, w.d + 1), timeZone);
}

/** Bucket starts from the bucket holding `from` up to `to` (exclusive), at most `limit` of them. */
export function bucketStarts(
  range: { from: number; to: number; size: BucketSize; timeZone: string },
  limit: number,
): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(range.from, range.size, range.timeZone); t < range.to;) {
    if (starts.length >= limit) break;
    starts.push(t);
    t = nextStart(t, range.size, range.timeZone);
  }
  return starts;
}
