import {
  checkClockRollback,
  DEFAULT_ROLLBACK_TOLERANCE_MS,
} from '../../shared/license-file/check-time-window';
import type { Result } from '../../shared/result';

/**
 * The latest trusted time only moves forward: signed server time, lease/file issue times and local
 * observations raise it; epoch ms throughout, so DST and time zones never look like a rollback.
 */
export const advanceTrustedTime = (current: number, observed: number): number => Math.max(current, observed);

/** Refuses when the clock stands more than the tolerance (1 h) behind the latest trusted time. */
export const checkClock = (
  now: number,
  lastTrustedTime: number,
  toleranceMs = DEFAULT_ROLLBACK_TOLERANCE_MS,
): Result<void> => checkClockRollback(now, lastTrustedTime, toleranceMs);

/** A local observation is only trusted when the clock is not behind the last trusted time (no ratchet from a rolled-back clock). */
export const observeLocalTime = (now: number, lastTrustedTime: number): number =>
  checkClock(now, lastTrustedTime).ok ? advanceTrustedTime(lastTrustedTime, now) : lastTrustedTime;

/**
 * How far the clock must have moved past the recorded time before status writes it down: keeps a
 * status call read-only most of the time while still raising the floor well within the tolerance.
 */
export const RECORD_STEP_MS = 5 * 60 * 1000;

/** Whether an observation at `now` should be written (it raises the floor by at least one step). */
export const worthRecording = (now: number, lastTrustedTime: number): boolean =>
  observeLocalTime(now, lastTrustedTime) >= lastTrustedTime + RECORD_STEP_MS;
