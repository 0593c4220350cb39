import { create } from 'zustand';
import type { IpcResponse } from '../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../agent';
import { readTextFile } from '../../lib/read-text-file';
import { useStatusStore } from '../status/status-store';

type ProductStatus = IpcResponse<'license:activate'>;

/** Which step an activation is at, so the UI can show visible progress rather than a frozen button. */
export type ActivationPhase = 'idle' | 'activating' | 'deactivating' | 'importing' | 'done' | 'failed';

/** Activation, deactivation and offline import: one operation at a time, with its outcome. */
export interface ActivationStore {
  phase: ActivationPhase;
  productId: string | null;
  outcome: ProductStatus | null;
  failure: CallFailure | null;
  activate(productId: string): Promise<void>;
  deactivate(productId: string): Promise<void>;
  importFile(file: File): Promise<void>;
  reset(): void;
}

/** The activation feature's store; each action refreshes the status store on success. */
export const useActivationStore = create<ActivationStore>((set) => {
  const finish = async (result: Awaited<ReturnType<typeof call<ProductStatus>>>) => {
    set(
      result.ok
        ? { phase: 'done', outcome: result.value, failure: null }
        : { phase: 'failed', outcome: null, failure: result.error },
    );
    if (result.ok) await useStatusStore.getState().refresh();
  };
  return {
    phase: 'idle',
    productId: null,
    outcome: null,
    failure: null,
    async activate(productId) {
      set({ phase: 'activating', productId, failure: null, outcome: null });
      await finish(await call((a) => a.licenseActivate({ productId })));
    },
    async deactivate(productId) {
      set({ phase: 'deactivating', productId, failure: null, outcome: null });
      await finish(await call((a) => a.licenseDeactivate({ productId })));
    },
    async importFile(file) {
      set({ phase: 'importing', productId: null, failure: null, outcome: null });
      const content = await readTextFile(file);
      if (!content.ok) {
        set({ phase: 'failed', failure: content.error });
        return;
      }
      await finish(
        await call((a) => a.licenseImportOffline({ fileName: file.name, content: content.value })),
      );
    },
    reset() {
      set({ phase: 'idle', productId: null, outcome: null, failure: null });
    },
  };
});
