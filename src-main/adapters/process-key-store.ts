import { fail, ok } from '../../shared/result';
import type { SecretStore } from './secret-store';

/** Where a key given for one process came from, so refusals can say what to change. */
export type ProcessKeySource = 'TESSERA_API_KEY' | '--api-key-stdin';

/**
 * A CI machine's credential: the API key given in the environment or on stdin serves this process only.
 * Reads of the API-key account return it; nothing is ever written, so no keychain (and no plain-text
 * file) is needed. Other accounts (e.g. the state MAC secret) still go to the real keychain.
 */
export const withProcessKey = (
  keychain: SecretStore,
  apiKeyAccount: string,
  apiKey: string,
  source: ProcessKeySource,
): SecretStore => {
  const refuse = () =>
    fail(
      'VALIDATION_FAILED',
      `The API key for this run comes from ${source}; it is never stored. Unset it to sign in with \`tessera login\`.`,
    );
  return {
    isAvailable: async () => true,
    get: async (account) => (account === apiKeyAccount ? ok(apiKey) : keychain.get(account)),
    set: async (account, secret) => (account === apiKeyAccount ? refuse() : keychain.set(account, secret)),
    delete: async (account) => (account === apiKeyAccount ? refuse() : keychain.delete(account)),
  };
};
