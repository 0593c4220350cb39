import { create } from 'zustand';
import type { IpcRequest, IpcResponse } from '../../../shared/contracts/ipc';
import { call, type CallFailure } from '../../agent';

type ServerState = IpcResponse<'server:get-config'>;
type KeyState = IpcResponse<'key:has'>;
type MachineInfo = IpcResponse<'machine:get-info'>;

/** First-run and settings state: where the server is, whether a key is stored, this machine's ID. No secret lives here. */
export interface SetupStore {
  server: ServerState | null;
  key: KeyState | null;
  machine: MachineInfo | null;
  loaded: boolean;
  busy: boolean;
  failure: CallFailure | null;
  load(): Promise<void>;
  chooseServer(config: IpcRequest<'server:set-config'>): Promise<boolean>;
  /** The key is an argument, sent once and forgotten: the store keeps only `hasKey`. */
  saveKey(apiKey: string): Promise<boolean>;
  deleteKey(): Promise<void>;
}

/** The setup feature's store; screens read it, only these actions talk to main. */
export const useSetupStore = create<SetupStore>((set, get) => ({
  server: null,
  key: null,
  machine: null,
  loaded: false,
  busy: false,
  failure: null,
  async load() {
    const [server, key, machine] = await Promise.all([
      call((a) => a.serverGetConfig({})),
      call((a) => a.keyHas({})),
      call((a) => a.machineGetInfo({})),
    ]);
    const failed = [server, key, machine].find((r) => !r.ok);
    set({
      server: server.ok ? server.value : null,
      key: key.ok ? key.value : null,
      machine: machine.ok ? machine.value : null,
      loaded: true,
      failure: failed && !failed.ok ? failed.error : null,
    });
  },
  async chooseServer(config) {
    set({ busy: true, failure: null });
    const result = await call((a) => a.serverSetConfig(config));
    set(result.ok ? { busy: false, server: result.value } : { busy: false, failure: result.error });
    return result.ok;
  },
  async saveKey(apiKey) {
    const server = get().server;
    const serverUrl = server?.activeUrl ?? (server?.config?.mode === 'remote' ? server.config.url : null);
    if (!serverUrl) {
      set({
        failure: {
          code: 'SERVER_UNREACHABLE',
          message: 'Choose a license server before entering your API key.',
        },
      });
      return false;
    }
    set({ busy: true, failure: null });
    const result = await call((a) => a.keySet({ serverUrl, apiKey }));
    set(result.ok ? { busy: false, key: result.value } : { busy: false, failure: result.error });
    return result.ok;
  },
  async deleteKey() {
    const result = await call((a) => a.keyDelete({}));
    set(result.ok ? { key: result.value, failure: null } : { failure: result.error });
  },
}));
