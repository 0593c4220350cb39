// Builds `window.agent` from the contract's channel and event lists, given a transport. The preload
// passes ipcRenderer; the e2e test passes a Playwright binding. The names come from the zod-free
// ipc-channels.ts (kept equal to the contract by a test), so the preload bundle carries no zod.
import { fail, type Result } from '../result';
import type { AgentBridge } from './ipc';
import { IPC_CHANNEL_NAMES, IPC_EVENT_NAMES, eventMethodOf, methodOf } from './ipc-channels';

/** The slice of ipcRenderer the bridge needs (structural, so shared/ stays free of Electron). */
export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const invoker =
  (transport: BridgeTransport, channel: string) =>
  (payload: unknown): Promise<Result<unknown>> =>
    transport
      .invoke(channel, payload)
      .then((result) => result as Result<unknown>)
      .catch(() =>
        fail('INTERNAL', 'Tessera could not reach its background process. Restart the app and try again.'),
      );

const subscriber =
  (transport: BridgeTransport, event: string) =>
  (listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    transport.on(event, wrapped);
    return () => {
      transport.removeListener(event, wrapped);
    };
  };

/** One method per channel and one `onX` per event, exactly the AgentBridge type. */
export const buildAgentBridge = (transport: BridgeTransport): AgentBridge => {
  const bridge: Record<string, unknown> = {};
  for (const channel of IPC_CHANNEL_NAMES) bridge[methodOf(channel)] = invoker(transport, channel);
  for (const event of IPC_EVENT_NAMES) bridge[eventMethodOf(event)] = subscriber(transport, event);
  return Object.freeze(bridge) as AgentBridge;
};
