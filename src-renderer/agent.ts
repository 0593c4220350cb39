// The renderer's only door to the main process: the `window.agent` bridge typed from the IPC contract.
import type { AgentBridge } from '../shared/contracts/ipc';
import type { Result } from '../shared/result';

declare global {
  interface Window {
    /** Exposed by the preload (and by the e2e binding); never holds or returns a secret. */
    readonly agent?: AgentBridge;
  }
}

/** The bridge, or a clear error when the page was opened outside the app (a plain browser). */
export function agent(): AgentBridge {
  const bridge = window.agent;
  if (!bridge) throw new Error('Tessera must run inside the desktop app: window.agent is missing.');
  return bridge;
}

/** A failed call's payload as the UI shows it. */
export type CallFailure = Extract<Result<unknown>, { ok: false }>['error'];

/** Runs a bridge call, turning a broken bridge (a throw) into the same refusal shape as a handled error. */
export async function call<T>(run: (bridge: AgentBridge) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run(agent());
  } catch (error) {
    const message =
      error instanceof Error ? error.message : 'The app could not reach its background service.';
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}
