import type { LicenseServerClient } from './license-server-client';

type Calls = Omit<LicenseServerClient, 'baseUrl'>;

/**
 * A license-server client whose transport and HTTP contracts (~140 zod schemas built at import) load on
 * the first call: commands that never contact a server (`tessera status`, the desktop app with no server
 * chosen) do not pay for them at start. Each call behaves exactly as the loaded client's; a failure to
 * load the modules is thrown, as a failed static import would have been.
 */
export const lazyLicenseServerClient = (
  baseUrl: string,
  load: () => Promise<LicenseServerClient>,
): LicenseServerClient => {
  let loaded: Promise<LicenseServerClient> | undefined;
  const client = (): Promise<LicenseServerClient> => (loaded ??= load());
  const calls: Calls = {
    health: async () => (await client()).health(),
    me: async (apiKey) => (await client()).me(apiKey),
    activate: async (apiKey, body) => (await client()).activate(apiKey, body),
    deactivate: async (apiKey, machineId, productId) =>
      (await client()).deactivate(apiKey, machineId, productId),
    checkout: async (apiKey, body) => (await client()).checkout(apiKey, body),
    heartbeat: async (apiKey, sessionId) => (await client()).heartbeat(apiKey, sessionId),
    release: async (apiKey, sessionId) => (await client()).release(apiKey, sessionId),
    time: async (nonce) => (await client()).time(nonce),
    createOfflineLicense: async (apiKey, orgId, body) =>
      (await client()).createOfflineLicense(apiKey, orgId, body),
  };
  return { baseUrl, ...calls };
};
