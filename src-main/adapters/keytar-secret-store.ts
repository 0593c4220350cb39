import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as KeytarModule from 'keytar';
import { fail, ok } from '../../shared/result';
import type { SecretStore } from './secret-store';
import { keychainService } from './secret-store';
import { mainLog } from './error-log';

type Keytar = typeof KeytarModule;

const UNAVAILABLE =
  'No OS keychain is available on this machine (on Linux start a Secret Service such as gnome-keyring inside a D-Bus session); the API key is never stored in plain text instead.';

const loadKeytar = (): Keytar | undefined => {
  try {
    return createRequire(import.meta.url)('keytar') as Keytar;
  } catch (error) {
    // A missing or mis-built keytar.node (wrong Electron ABI) reads as "no keychain"; the log says which.
    mainLog().error({ err: error }, 'The keychain module could not be loaded');
    return undefined;
  }
};

const unavailable = () => fail('KEYCHAIN_UNAVAILABLE', UNAVAILABLE);

/**
 * On Linux the keychain is a Secret Service on the session bus. With no bus address, no user bus socket
 * and no display to autolaunch one, no keychain can answer; saying so at once spares every call the tens
 * of milliseconds libsecret spends trying (the sealed state file asks on every start).
 */
export const noSessionBus = (env: NodeJS.ProcessEnv = process.env): boolean =>
  process.platform === 'linux' &&
  !env.DBUS_SESSION_BUS_ADDRESS &&
  !env.DISPLAY &&
  !existsSync(join(env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`, 'bus'));

/** Real keychain (macOS Keychain, Windows Credential Vault, libsecret) behind SecretStore; values never logged. */
export const createKeytarSecretStore = (serverOrigin: string): SecretStore => {
  const service = keychainService(serverOrigin);
  const keytar = noSessionBus() ? undefined : loadKeytar();
  const guard = async <T>(action: (k: Keytar) => Promise<T>) => {
    if (!keytar) return unavailable();
    try {
      return ok(await action(keytar));
    } catch (error) {
      mainLog().warn({ err: error }, 'The OS keychain refused a request');
      return unavailable();
    }
  };
  return {
    isAvailable: async () => (await guard((k) => k.findCredentials(service))).ok,
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
  };
};
