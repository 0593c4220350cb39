import { fail, ok, type Result } from '../../shared/result';
import type { LicenseServerClient } from '../adapters/license-server-client';
import type { AgentDeps } from './agent-deps';

/** What an authenticated server call needs: where, with which client, and the user's key. */
export interface ServerAccess {
  readonly baseUrl: string;
  readonly client: LicenseServerClient;
  readonly apiKey: string;
}

/**
 * Which keychain entry belongs to a server: its origin, except the embedded server, whose loopback port
 * changes on every start and so is filed under the stable name "embedded".
 */
export const keychainOrigin = (deps: AgentDeps, url: string): string =>
  deps.serverMode() === 'embedded' &&
  deps.serverUrl() !== undefined &&
  new URL(deps.serverUrl() ?? url).origin === new URL(url).origin
    ? 'embedded'
    : new URL(url).origin;

/** The configured server URL, or a sentence telling the user how to set one. */
export const requireServer = (deps: AgentDeps): Result<string> => {
  const url = deps.serverUrl();
  return url
    ? ok(url)
    : fail(
        'SERVER_NOT_CONFIGURED',
        'No license server is configured; sign in with `tessera login --server <URL>` or set it in the app.',
      );
};

/** Loads the API key for the configured server from the keychain; the key never leaves main. */
export const serverAccess = async (deps: AgentDeps): Promise<Result<ServerAccess>> => {
  const url = requireServer(deps);
  if (!url.ok) return url;
  const key = await deps.secrets(keychainOrigin(deps, url.value)).get(deps.account);
  if (!key.ok) return key;
  if (key.value === null) {
    return fail(
      'NO_API_KEY',
      'No API key is stored for this license server; sign in with `tessera login` or enter your key in the app.',
    );
  }
  return ok({ baseUrl: url.value, client: deps.client(url.value), apiKey: key.value });
};
