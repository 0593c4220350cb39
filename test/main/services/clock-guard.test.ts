import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advanceTrustedTime, checkClock, observeLocalTime } from '../../../src-main/services/clock-guard';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-03-29T00:30:00Z'); // the night European clocks spring forward

describe('clock guard', () => {
  it('refuses a clock set back more than an hour behind the last trusted time', () => {
    expect(checkClock(t0 - 2 * HOUR, t0)).toMatchObject({ ok: false, error: { code: 'CLOCK_ROLLED_BACK' } });
  });

  it('allows small drift and a DST change (epoch ms never jumps at DST)', () => {
    expect(checkClock(t0 - 5 * 60_000, t0).ok).toBe(true);
    const beforeDst = Date.parse('2026-10-25T00:59:00Z');
    const afterDst = Date.parse('2026-10-25T01:01:00Z'); // local wall clocks in Europe went back an hour here
    expect(checkClock(afterDst, beforeDst).ok).toBe(true);
  });

  it('the trusted time never moves backwards', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (current, observed) => {
        expect(advanceTrustedTime(current, observed)).toBeGreaterThanOrEqual(current);
        expect(observeLocalTime(observed, current)).toBeGreaterThanOrEqual(current);
      }),
    );
  });

  it('a rolled-back local clock does not lower or raise the trusted time', () => {
    expect(observeLocalTime(t0 - 3 * HOUR, t0)).toBe(t0);
    expect(observeLocalTime(t0 + HOUR, t0)).toBe(t0 + HOUR);
  });
});
