import { create } from 'zustand';
import type { IpcResponse } from '../../../shared/contracts/ipc';
import { agent, call, type CallFailure } from '../../agent';

type AgentStatus = IpcResponse<'license:get-status'>;

/** What the Status screen shows; refreshed on demand and by the main process's push events. */
export interface StatusStore {
  status: AgentStatus | null;
  loading: boolean;
  failure: CallFailure | null;
  refresh(): Promise<void>;
  /** Subscribes to `license:status-changed`; returns the unsubscribe for the effect cleanup. */
  follow(): () => void;
}

/** The status feature's store. */
export const useStatusStore = create<StatusStore>((set) => ({
  status: null,
  loading: false,
  failure: null,
  async refresh() {
    set({ loading: true });
    const result = await call((a) => a.licenseGetStatus({}));
    set(
      result.ok
        ? { loading: false, status: result.value, failure: null }
        : { loading: false, failure: result.error },
    );
  },
  follow() {
    try {
      return agent().onLicenseStatusChanged((status) => set({ status, failure: null }));
    } catch {
      return () => undefined;
    }
  },
}));
