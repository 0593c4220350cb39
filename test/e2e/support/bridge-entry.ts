// Runs inside the page (bundled by esbuild into an init script): builds `window.agent` with the same
// shared buildAgentBridge the preload uses, over a Playwright binding instead of ipcRenderer.
import { buildAgentBridge, type BridgeTransport } from '../../../shared/contracts/ipc-bridge';

type Listener = (event: unknown, payload: unknown) => void;

interface BindingWindow {
  __tesseraInvoke(channel: string, payload: unknown): Promise<unknown>;
  __tesseraEmit?: (channel: string, payload: unknown) => void;
}

const host = window as unknown as BindingWindow;
const listeners = new Map<string, Set<Listener>>();
const transport: BridgeTransport = {
  invoke: (channel, payload) => host.__tesseraInvoke(channel, payload),
  on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
  removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
};
host.__tesseraEmit = (channel, payload) =>
  listeners.get(channel)?.forEach((listener) => listener(null, payload));
Object.defineProperty(window, 'agent', { value: buildAgentBridge(transport), enumerable: true });
