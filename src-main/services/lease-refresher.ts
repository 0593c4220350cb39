import { ok } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { activateProduct } from './activation-service';
import { isTransportFailure } from './server-contact';

/** A lease is refreshed once half of its remaining life since the last refresh has passed. */
export const isRefreshDue = (refreshedAt: number, expiresAt: number, now: number): boolean =>
  now >= refreshedAt + (expiresAt - refreshedAt) / 2;

/**
 * Refreshes every due lease. Unreachable/slow/rate-limited servers leave the lease untouched (keep
 * running until it ends); an explicit refusal (e.g. the license was removed) drops it with a note.
 */
export const refreshDueLeases = async (deps: AgentDeps, force = false): Promise<string[]> => {
  const loaded = await deps.store.load();
  if (!loaded.ok) return [];
  const refreshed: string[] = [];
  for (const [productId, lease] of Object.entries(loaded.value.leases)) {
    if (!force && !isRefreshDue(lease.refreshedAt, Date.parse(lease.expiresAt), deps.now())) continue;
    const result = await activateProduct(deps, productId);
    if (result.ok) {
      refreshed.push(productId);
    } else if (
      !isTransportFailure(result) &&
      !['NO_API_KEY', 'KEYCHAIN_UNAVAILABLE', 'SERVER_NOT_CONFIGURED'].includes(result.error.code)
    ) {
      await deps.store.update((state) => {
        delete state.leases[productId];
        state.notes[productId] = { code: result.error.code, message: result.error.message, at: deps.now() };
        return ok({ state, value: undefined });
      });
      deps.events.changed();
    }
  }
  return refreshed;
};

/** Background refresh loop (unref'd timer, so it never keeps a CLI process alive); returns a stop function. */
export const startLeaseRefresher = (
  deps: AgentDeps,
  everyMs = 5 * 60_000,
  onRefreshed: (productIds: string[]) => Promise<void> = async () => undefined,
): (() => void) => {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const refreshed = await refreshDueLeases(deps);
      if (refreshed.length > 0) await onRefreshed(refreshed);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
