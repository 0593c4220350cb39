import { ok, type Result } from '../../shared/result';
import type { StoreState } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';

/** All keys this agent trusts: shipped with the app plus the ones pinned from the configured server. */
export const trustedKeys = (state: StoreState, shipped: ReadonlyMap<string, string>): Map<string, string> => {
  const keys = new Map(shipped);
  for (const [kid, pinned] of Object.entries(state.issuerKeys)) keys.set(kid, pinned.publicKey);
  return keys;
};

/**
 * Fetches /v1/issuer-keys from the configured server and pins any key not yet known (first contact, or a
 * rotation seen on a lease). A pinned kid is never replaced by a different key.
 */
export const pinIssuerKeys = async (
  deps: AgentDeps,
  baseUrl: string,
): Promise<Result<Map<string, string>>> => {
  const answer = await deps.client(baseUrl).issuerKeys();
  if (!answer.ok) return answer;
  const origin = new URL(baseUrl).origin;
  const saved = await deps.store.update((state) => {
    for (const key of answer.value.keys) {
      if (!state.issuerKeys[key.kid])
        state.issuerKeys[key.kid] = { publicKey: key.publicKey, origin, pinnedAt: deps.now() };
    }
    return ok({ state, value: trustedKeys(state, deps.shippedIssuers) });
  });
  return saved;
};

/** Whether any key was pinned from this origin yet (first contact check). */
export const hasPinnedFrom = (state: StoreState, baseUrl: string): boolean => {
  const origin = new URL(baseUrl).origin;
  return Object.values(state.issuerKeys).some((key) => key.origin === origin);
};
