import type { Failure } from '../../shared/result';

const CULLED = /heartbeat|timed? ?out|expired|cull|idle|stale|sleep/i;

/**
 * After sleep/resume a heartbeat may find its session ended. A session the server culled for missing
 * heartbeats is checked out again; one ended for a reason of the rules (another machine took it, R19,
 * or an admin force-released it) is reported with the server's reason instead of being taken back.
 */
export const shouldCheckOutAgain = (failure: Failure): boolean => {
  if (failure.error.code === 'SESSION_NOT_FOUND') return true;
  if (failure.error.code !== 'SESSION_ENDED') return false;
  const reason = failure.error.details?.endReason ?? failure.error.details?.reason;
  return CULLED.test(typeof reason === 'string' ? reason : failure.error.message);
};
