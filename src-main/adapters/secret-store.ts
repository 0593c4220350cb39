import type { Result } from '../../shared/result';

/** The one door to the OS keychain, so services never know which backend holds the API key. */
export interface SecretStore {
  /** Whether a keychain answers at all (false on a headless box without a Secret Service). */
  isAvailable(): Promise<boolean>;
  /** The stored secret or null when none was saved. */
  get(account: string): Promise<Result<string | null>>;
  /** Saves or replaces the secret. */
  set(account: string, secret: string): Promise<Result<void>>;
  /** Removes the secret; true when one existed. */
  delete(account: string): Promise<Result<boolean>>;
}

/** Keychain service name per server, so keys for two servers never overwrite each other. */
export const keychainService = (serverOrigin: string): string => `tessera:${serverOrigin}`;

/** The account label the CLI and the app use when the user did not name one. */
export const DEFAULT_ACCOUNT = 'default';
