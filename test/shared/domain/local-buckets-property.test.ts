import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketStarts } from '../../../shared/domain/local-buckets';

// bucketStarts steps from one local midnight to the next with one Intl call per day (24 hours on,
// when the offset two days on is unchanged). The oracle here finds every midnight from its wall clock,
// as the module did before: the wall date of the start, the next date's midnight, and the instant
// that wall time happens at (offset read at the wall time taken as UTC, then at the guess); a date
// the zone skipped has no midnight.

const DAY = 86_400_000;

const clock = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

/** Every local midnight bucket from the one holding `from` to `to`, each found from its wall clock. */
function midnightsFromWallClocks(from: number, to: number, timeZone: string): number[] {
  const format = clock(timeZone);
  const fields = (t: number) =>
    Object.fromEntries(
      format
        .formatToParts(new Date(t))
        .filter((p) => p.type !== 'literal')
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const shift = (t: number) => {
    const f = fields(t);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(t / 1000) * 1000;
  };
  const midnightAfter = (t: number, days: number) => {
    const f = fields(t);
    const wall = Date.UTC(f.year, f.month - 1, f.day + days);
    return wall - shift(wall - shift(wall));
  };
  // A skipped date's midnight maps back onto the day before: the next date's is taken.
  const nextMidnight = (t: number) => {
    let days = 1;
    while (midnightAfter(t, days) <= t) days++;
    return midnightAfter(t, days);
  };
  const out: number[] = [];
  for (let t = midnightAfter(from, 0); t < to; t = nextMidnight(t)) out.push(t);
  return out;
}

const ZONES = [
  'UTC',
  'Etc/UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'America/St_Johns',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Tehran',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Africa/Casablanca',
  'Antarctica/Troll',
];

describe('local day buckets, one Intl call per day', () => {
  it('every midnight of 2020–2027 in zones with odd rules (midnight changes, 30-minute and 2-hour shifts, a skipped day) equals the wall-clock oracle', () => {
    for (const timeZone of ZONES) {
      const [from, to] = [Date.UTC(2020, 0, 1), Date.UTC(2028, 0, 1)];
      expect(bucketStarts({ from, to, size: 'day', timeZone }, 5_000), timeZone).toEqual(
        midnightsFromWallClocks(from, to, timeZone),
      );
    }
  }, 60_000);

  it('Pacific/Apia skipped 30 December 2011: the day after the 29th starts on the 31st', () => {
    const from = Date.UTC(2011, 11, 28, 12);
    const starts = bucketStarts({ from, to: from + 4 * DAY, size: 'day', timeZone: 'Pacific/Apia' }, 10);
    const dates = starts.map((t) => new Date(t).toLocaleDateString('en-GB', { timeZone: 'Pacific/Apia' }));
    expect(dates).toEqual(['28/12/2011', '29/12/2011', '31/12/2011', '01/01/2012', '02/01/2012']);
  });

  it('random ranges in any zone Intl knows, 1970–2040, equal the wall-clock oracle', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 120 }),
        (timeZone, from, days) => {
          const to = from + days * DAY;
          expect(bucketStarts({ from, to, size: 'day', timeZone }, 1_000)).toEqual(
            midnightsFromWallClocks(from, to, timeZone),
          );
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
