import { ok, type Result } from '../../shared/result';
import type { StoreState } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';

/** Codes that mean "the server could not answer", never "the license is invalid". */
export const TRANSPORT_CODES: ReadonlySet<string> = new Set([
  'SERVER_UNREACHABLE',
  'SERVER_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** True when a failure is about reaching the server rather than a decision of the server. */
export const isTransportFailure = (result: Result<unknown>): boolean =>
  !result.ok && TRANSPORT_CODES.has(result.error.code);

/** Writes into a state being updated whether the server answered (for callers that fold it into their own write). */
export const noteContact = (state: StoreState, result: Result<unknown>, at: number): void => {
  const reachable =
    result.ok || !TRANSPORT_CODES.has(result.error.code) || result.error.code === 'RATE_LIMITED';
  const message = result.ok ? undefined : result.error.message;
  state.serverContact = message === undefined ? { reachable, at } : { reachable, at, message };
};

/** Remembers whether the server answered, so the fast status can say "server unreachable" from local state. */
export const recordContact = async (deps: AgentDeps, result: Result<unknown>): Promise<void> => {
  await deps.store.update((state) => {
    noteContact(state, result, deps.now());
    return ok({ state, value: undefined });
  });
};
