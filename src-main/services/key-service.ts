import type { IpcRequest, IpcResponse } from '../../shared/contracts/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { keychainOrigin } from './server-access';

type KeyState = IpcResponse<'key:has'>;

/** Answers that mean the server itself refused the key (as opposed to not answering). */
export const AUTH_REFUSALS: ReadonlySet<string> = new Set([
  'INVALID_API_KEY',
  'UNAUTHENTICATED',
  'KEY_REVOKED',
]);

/** Whether a key is stored for the current server, never revealing it. */
export const keyState = async (deps: AgentDeps): Promise<Result<KeyState>> => {
  const url = deps.serverUrl();
  if (!url) return ok({ hasKey: false, serverUrl: null });
  const stored = await deps.secrets(keychainOrigin(deps, url)).get(deps.account);
  return stored.ok ? ok({ hasKey: stored.value !== null, serverUrl: url }) : stored;
};

/**
 * Checks the key with the server (`/v1/me`) first, then saves the server URL and the key (keychain only).
 * Nothing is stored unless the server answered and accepted the key: an unreachable server, a typo host
 * or https:// against a plain HTTP server fails with its code, and the previous settings stay.
 */
export const setKey = async (deps: AgentDeps, payload: IpcRequest<'key:set'>): Promise<Result<KeyState>> => {
  // The embedded server's loopback URL changes every start: keep the "embedded" choice, store only the key.
  const label = keychainOrigin(deps, payload.serverUrl);
  const secrets = deps.secrets(label);
  if (!(await secrets.isAvailable())) {
    return fail(
      'KEYCHAIN_UNAVAILABLE',
      'No OS keychain is available on this machine; the API key is never stored in plain text instead.',
    );
  }
  const me = await deps.client(payload.serverUrl.replace(/\/+$/, '')).me(payload.apiKey.trim());
  if (!me.ok) return me;
  if (label !== 'embedded') {
    const chosen = await deps.chooseServer({ mode: 'remote', url: payload.serverUrl });
    if (!chosen.ok) return chosen;
  }
  const saved = await secrets.set(deps.account, payload.apiKey.trim());
  if (!saved.ok) return saved;
  deps.events.changed();
  return keyState(deps);
};

/** Removes the stored key for the current server. */
export const deleteKey = async (deps: AgentDeps): Promise<Result<KeyState>> => {
  const url = deps.serverUrl();
  if (url) {
    const removed = await deps.secrets(keychainOrigin(deps, url)).delete(deps.account);
    if (!removed.ok) return removed;
  }
  return keyState(deps);
};
