import { resolve } from 'node:path';
import { createKeytarSecretStore } from './keytar-secret-store';
import { createStateSeal, STATE_SEAL_ORIGIN, type StateSeal } from './state-seal';

const seals = new Map<string, StateSeal>();

/**
 * The state seal of a data folder on the real keychain, one per process: its keychain secret is read
 * once instead of at every start of the agent's parts (the keychain round trip was most of a warm
 * status). Tamper detection is unchanged: only a secret the keychain returned is kept, an answer of
 * "no secret yet" is asked again every time, and a file whose MAC does not match makes the seal ask
 * the keychain again before it is called tampered.
 */
export const processStateSeal = (dataDir: string): StateSeal => {
  const key = resolve(dataDir);
  let seal = seals.get(key);
  if (seal === undefined) {
    seal = createStateSeal(createKeytarSecretStore(STATE_SEAL_ORIGIN), dataDir);
    seals.set(key, seal);
  }
  return seal;
};
