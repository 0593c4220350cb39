import { fail, ok, type Result } from '../result';
import type { LicensePayload } from './payload-schema';

/** How far the clock may stand behind the last trusted time before we call it rolled back (drift, DST, NTP). */
export const DEFAULT_ROLLBACK_TOLERANCE_MS = 60 * 60 * 1000;

/** How early a file may be used before notBefore, so a lease issued "now" works on a slightly slow clock. */
export const DEFAULT_NOT_BEFORE_SKEW_MS = 5 * 60 * 1000;

/** The clock facts verification needs, all epoch milliseconds. */
export interface ClockFacts {
  readonly now: number;
  /** The latest time this machine has trusted (signed server time, last successful check); never decreases. */
  readonly lastTrustedTime?: number;
  readonly rollbackToleranceMs?: number;
  readonly notBeforeSkewMs?: number;
}

/** '2026-01-01 00:00 UTC': precise enough for people, with no locale guesswork in shared/. */
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Refuses a clock set back more than the tolerance before the latest trusted time (also used outside files). */
export const checkClockRollback = (
  now: number,
  lastTrustedTime: number | undefined,
  toleranceMs: number = DEFAULT_ROLLBACK_TOLERANCE_MS,
): Result<void> =>
  lastTrustedTime !== undefined && now < lastTrustedTime - toleranceMs
    ? fail(
        'CLOCK_ROLLED_BACK',
        `This computer's clock is behind a time it already trusted (${new Date(lastTrustedTime).toISOString()}). Set the correct date and time, then try again.`,
      )
    : ok(undefined);

/**
 * The time checks of R7, in order: a clock set back is refused first (its verdicts mean nothing), then
 * "not yet valid", then "expired". Expiry is judged at the later of now and the last trusted time, so a
 * clock set back within the tolerance cannot revive an expired file.
 */
export const checkTimeWindow = (payload: LicensePayload, clock: ClockFacts): Result<void> => {
  const { now, lastTrustedTime } = clock;
  const clockSane = checkClockRollback(now, lastTrustedTime, clock.rollbackToleranceMs);
  if (!clockSane.ok) return clockSane;
  if (now < Date.parse(payload.notBefore) - (clock.notBeforeSkewMs ?? DEFAULT_NOT_BEFORE_SKEW_MS)) {
    return fail(
      'NOT_YET_VALID',
      `This license becomes valid on ${when(payload.notBefore)}. Use it from then on, or check this computer's date.`,
    );
  }
  if (Math.max(now, lastTrustedTime ?? now) >= Date.parse(payload.expiresAt)) {
    const next =
      payload.kind === 'lease'
        ? 'Connect to the license server so Tessera can renew it.'
        : 'Ask your administrator for a new offline license or switch to an online license.';
    return fail('EXPIRED', `This license expired on ${when(payload.expiresAt)}. ${next}`);
  }
  return ok(undefined);
};
