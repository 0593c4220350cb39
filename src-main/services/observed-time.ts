import { ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { observeLocalTime, worthRecording } from './clock-guard';

/**
 * Records the time the agent sees now as the latest trusted time (start, status, heartbeat), so a clock
 * set back later is recognised as rolled back instead of reviving an expired license. Writes only when
 * the floor moves by a step, and never lowers it; returns the floor in force.
 */
export const recordObservedTime = async (
  deps: AgentDeps,
  lastTrustedTime: number,
): Promise<Result<number>> => {
  const now = deps.now();
  if (!worthRecording(now, lastTrustedTime)) return ok(lastTrustedTime);
  return deps.store.update((state) => {
    state.lastTrustedTime = observeLocalTime(now, state.lastTrustedTime);
    return ok({ state, value: state.lastTrustedTime });
  });
};
