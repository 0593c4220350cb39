import { create } from 'zustand';
import type { IpcResponse } from '../../../shared/contracts/ipc';
import type { Result } from '../../../shared/result';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { call, type CallFailure } from '../../agent';

type Subscription = IpcResponse<'admin:get-subscription'>;

/** Admin console selection and the outcome of the last change; tables re-read when `version` moves. */
export interface AdminStore {
  orgId: string | null;
  productId: string | null;
  subscriptions: Subscription[];
  /** Why the subscription list could not be read (the product picker then falls back to the catalog). */
  subscriptionsFailure: CallFailure | null;
  version: number;
  failure: CallFailure | null;
  notice: string | null;
  selectOrg(orgId: string): Promise<void>;
  selectProduct(productId: string): void;
  /** Runs a change, shows the server's refusal sentence or `notice`, and bumps `version` on success. */
  change<T>(run: () => Promise<Result<T>>, notice: string): Promise<Result<T>>;
  refreshSubscriptions(): Promise<void>;
}

/** The admin feature's store. */
export const useAdminStore = create<AdminStore>((set, get) => ({
  orgId: null,
  productId: null,
  subscriptions: [],
  subscriptionsFailure: null,
  version: 0,
  failure: null,
  notice: null,
  async selectOrg(orgId) {
    set({ orgId, productId: null, subscriptions: [], failure: null, notice: null });
    await get().refreshSubscriptions();
  },
  selectProduct(productId) {
    set({ productId, failure: null, notice: null });
  },
  async refreshSubscriptions() {
    const { orgId, productId } = get();
    if (!orgId) return;
    const result = await call((a) => a.adminListSubscriptions({ orgId }));
    if (!result.ok) {
      set({
        subscriptions: [],
        subscriptionsFailure: result.error,
        productId: productId ?? DEFAULT_CATALOG.products[0]?.id ?? null,
      });
      return;
    }
    const keep = result.value.some((s) => s.productId === productId);
    set({
      subscriptions: result.value,
      subscriptionsFailure: null,
      productId: keep ? productId : (result.value[0]?.productId ?? null),
    });
  },
  async change(run, notice) {
    set({ failure: null, notice: null });
    const result = await run().catch((): Result<never> => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'The request could not be sent.' },
    }));
    if (!result.ok) {
      set({ failure: result.error });
      return result;
    }
    set((s) => ({ notice, version: s.version + 1 }));
    await get().refreshSubscriptions();
    return result;
  },
}));

/** Products to pick from: the organization's subscriptions, or the whole catalog when they cannot be read. */
export function productChoices(subscriptions: readonly Subscription[]): { value: string; label: string }[] {
  const source =
    subscriptions.length > 0
      ? subscriptions.map((s) => ({ value: s.productId, label: s.productName }))
      : DEFAULT_CATALOG.products.map((p) => ({ value: p.id, label: p.name }));
  // One product may have several subscriptions (e.g. KRE node-locked and floating before migration).
  return source.filter((choice, index) => source.findIndex((c) => c.value === choice.value) === index);
}

/** The selected subscription's details, or null before one is picked. */
export function selectedSubscription(state: AdminStore): Subscription | null {
  return state.subscriptions.find((s) => s.productId === state.productId) ?? null;
}
