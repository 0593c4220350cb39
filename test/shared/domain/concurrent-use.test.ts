import { describe, expect, it } from 'vitest';
import { concurrentUse, type UseSpan } from '../../../shared/domain/concurrent-use';
import { bucketStarts } from '../../../shared/domain/local-buckets';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 30, 0, 0);
const session = (key: string, from: number, until: number | null): UseSpan => ({
  key,
  kind: 'session',
  from,
  until,
});
const hold = (key: string, from: number, until: number | null): UseSpan => ({
  key,
  kind: 'hold',
  from,
  until,
});
const hours = (n: number) => Array.from({ length: n }, (_, i) => T0 + i * H);

describe('concurrent use per bucket', () => {
  it('R21 ten sessions one after another in a bucket are one license at a time, not ten', () => {
    const spans = Array.from({ length: 10 }, (_, i) =>
      session('m1', T0 + i * 6 * 60_000, T0 + (i + 1) * 6 * 60_000),
    );
    const [bucket] = concurrentUse(spans, hours(1), T0 + H);
    expect(bucket).toEqual({ at: T0, peak: 1, average: 1 });
  });

  it('R21 a session crossing a bucket boundary counts in both buckets, weighted by its time in each', () => {
    const spans = [
      session('m1', T0 + 30 * 60_000, T0 + H + 15 * 60_000),
      session('m2', T0, T0 + 15 * 60_000),
    ];
    expect(concurrentUse(spans, hours(3), T0 + 3 * H)).toEqual([
      { at: T0, peak: 1, average: 0.75 },
      { at: T0 + H, peak: 1, average: 0.25 },
      { at: T0 + 2 * H, peak: 0, average: 0 },
    ]);
  });

  it('R21 parallel sessions peak together; a session ending as another starts is no overlap', () => {
    const spans = [
      session('m1', T0, T0 + 30 * 60_000),
      session('m2', T0 + 10 * 60_000, T0 + 20 * 60_000),
      session('m3', T0 + 30 * 60_000, null),
    ];
    const [bucket] = concurrentUse(spans, hours(1), T0 + H);
    expect(bucket?.peak).toBe(2);
  });

  it('R9 R22 a machine holding an offline file and a reservation is one license; its second session is another', () => {
    const spans = [
      hold('m1', T0, null),
      hold('m1', T0, null),
      session('m1', T0 + 10 * 60_000, T0 + 40 * 60_000),
      session('m1', T0 + 20 * 60_000, T0 + 30 * 60_000),
    ];
    const [bucket] = concurrentUse(spans, hours(1), T0 + H);
    expect(bucket?.peak).toBe(2);
    expect(bucket?.average).toBeCloseTo(1 + 1 / 6, 2);
  });

  it('nothing running now reads 0 at the last bucket however many sessions touched the range', () => {
    const spans = Array.from({ length: 10 }, (_, i) => session(`m${i}`, T0 + i * H, T0 + i * H + 60_000));
    const points = concurrentUse(spans, hours(12), T0 + 12 * H);
    expect(points.at(-1)).toEqual({ at: T0 + 11 * H, peak: 0, average: 0 });
    expect(Math.max(...points.map((p) => p.peak))).toBe(1);
  });
});

describe('buckets in the viewer’s time zone', () => {
  it('day buckets start at local midnight, so today’s bucket is labelled today', () => {
    const now = Date.UTC(2026, 10, 30, 7, 0); // 30 Nov, 08:00 in Berlin
    const starts = bucketStarts(
      { from: now - 2 * 24 * H, to: now, size: 'day', timeZone: 'Europe/Berlin' },
      100,
    );
    const day = (t: number) => new Date(t).toLocaleDateString('en-GB', { timeZone: 'Europe/Berlin' });
    expect(starts.map(day)).toEqual(['28/11/2026', '29/11/2026', '30/11/2026']);
    expect(starts.at(-1)).toBe(Date.UTC(2026, 10, 29, 23, 0));
  });

  it('a day with a daylight-saving change is 23 or 25 hours long', () => {
    const spring = bucketStarts(
      {
        from: Date.UTC(2026, 2, 28, 12),
        to: Date.UTC(2026, 2, 30, 12),
        size: 'day',
        timeZone: 'Europe/Berlin',
      },
      10,
    );
    expect(spring).toEqual([Date.UTC(2026, 2, 27, 23), Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22)]);
    const autumn = bucketStarts(
      {
        from: Date.UTC(2026, 9, 25, 12),
        to: Date.UTC(2026, 9, 26, 12),
        size: 'day',
        timeZone: 'America/New_York',
      },
      10,
    );
    expect(autumn).toEqual([Date.UTC(2026, 9, 25, 4), Date.UTC(2026, 9, 26, 4)]);
    const fall = bucketStarts(
      {
        from: Date.UTC(2026, 10, 1, 12),
        to: Date.UTC(2026, 10, 2, 12),
        size: 'day',
        timeZone: 'America/New_York',
      },
      10,
    );
    expect(fall[1]! - fall[0]!).toBe(25 * H);
  });

  it('R21 a session running through the spring-forward night counts in both local days, averaged over 23 hours', () => {
    const starts = bucketStarts(
      {
        from: Date.UTC(2026, 2, 28, 23),
        to: Date.UTC(2026, 2, 30, 22),
        size: 'day',
        timeZone: 'Europe/Berlin',
      },
      10,
    );
    const spans = [session('m1', Date.UTC(2026, 2, 29, 10, 30), Date.UTC(2026, 2, 29, 23, 30))];
    const points = concurrentUse(spans, starts, Date.UTC(2026, 2, 30, 22));
    expect(points.map((p) => p.peak)).toEqual([1, 1]);
    expect(points[0]?.average).toBeCloseTo(11.5 / 23, 2);
    expect(points[1]?.average).toBeCloseTo(1.5 / 24, 2);
  });
});
