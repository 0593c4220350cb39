import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { ok, type Result } from '../../shared/result';
import type { TrustedRoot } from '../../shared/trust/trust-roots';
import { createHardwareProbe } from '../adapters/hardware-probe';
import type { HardwareFacts } from '../adapters/hardware-facts';
import type { HttpClientOptions } from '../adapters/http-client';
import type { KeyHandover } from '../adapters/key-handover';
import { createKeytarSecretStore } from '../adapters/keytar-secret-store';
import { lazyLicenseServerClient } from '../adapters/lazy-license-server-client';
import { createLicenseStore } from '../adapters/license-store';
import type * as OpenClientModule from '../adapters/open-license-server-client';
import { withProcessKey } from '../adapters/process-key-store';
import { DEFAULT_ACCOUNT, type SecretStore } from '../adapters/secret-store';
import { processStateSeal } from '../adapters/process-state-seal';
import { createStateSeal, STATE_SEAL_ORIGIN } from '../adapters/state-seal';
import { loadConfig, saveServerChoice } from '../config/load-config';
import type { AgentDeps } from './agent-deps';
import { processChainVerifier } from './process-chain';
import { createStatusEvents } from './status-events';
import { computeStatus } from './status-service';
import { processTrustSetup } from './process-trust';
import { withLocalRoot } from './trust-setup';
import { isBundled } from '../config/test-hooks';

/**
 * The module of the real server client, imported with the first request and kept: every service call
 * makes a client (`deps.client(url)`), and an `import()` of a loaded module still goes through the
 * module loader each time (~13 µs in plain Node, ~0.8 ms under tsx, where the tests and benches run).
 */
let clientModulePromise: Promise<typeof OpenClientModule> | undefined;
const clientModule = () =>
  (clientModulePromise ??= import('../adapters/open-license-server-client').catch((error: unknown) => {
    // A failed load is not kept: the next request tries again, as a fresh import() did.
    clientModulePromise = undefined;
    throw error;
  }));

/** Knobs for the composition root; everything defaults to the real adapters. */
export interface AgentOptions {
  dataDir?: string;
  serverUrl?: string;
  /** Folder with trust-roots.json (Electron passes process.resourcesPath/resources). */
  resourcesDir?: string;
  /** Root of the license server running in this process (the desktop app's embedded server); trusted only in an evaluation build. */
  localRoots?: ReadonlyMap<string, TrustedRoot>;
  account?: string;
  /** An API key for this process only (`--api-key-stdin`); TESSERA_API_KEY in env does the same. */
  apiKey?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  http?: HttpClientOptions;
  secrets?: (serverOrigin: string) => SecretStore;
  readFacts?: () => Promise<HardwareFacts>;
  /** Where a member's new API key is shown (the desktop app's message box; a recording one in tests). */
  keyHandover?: KeyHandover;
}

/** The repository's resources/ folder when running from source (tsx), the folder beside a bundle otherwise. */
export const defaultResourcesDir = (): string => {
  try {
    return fileURLToPath(new URL(isBundled() ? './resources/' : '../../resources/', import.meta.url));
  } catch (error) {
    // A module URL that is not file: (a loader serving from memory) has no folder; the working one stands in.
    if (!(error instanceof TypeError)) throw error;
    return join(process.cwd(), 'resources');
  }
};

/** Builds the real agent (config, store, probe, keychain, HTTP client, trust roots) for the CLI and Electron. */
export const createAgentDeps = async (options: AgentOptions = {}): Promise<Result<AgentDeps>> => {
  const env = options.env ?? process.env;
  const config = await loadConfig(
    { dataDir: options.dataDir, serverUrl: options.serverUrl, apiKey: options.apiKey },
    env,
  );
  if (!config.ok) return config;
  const trust = await processTrustSetup({
    resourcesDir: options.resourcesDir ?? defaultResourcesDir(),
    dataDir: config.value.dataDir,
    env,
    ...(options.localRoots ? { localRoots: options.localRoots } : {}),
  });
  if (!trust.ok) return trust;
  const now = options.now ?? Date.now;
  let serverUrl = config.value.serverUrl;
  let serverMode: 'remote' | 'embedded' | 'none' = config.value.serverMode ?? (serverUrl ? 'remote' : 'none');
  const events = createStatusEvents();
  const dataDir = config.value.dataDir;
  const subtle = globalThis.crypto.subtle;
  let trustSetup = trust.value;
  let chain = processChainVerifier(subtle, trustSetup.roots);
  const account = options.account ?? DEFAULT_ACCOUNT;
  const keychain = options.secrets ?? createKeytarSecretStore;
  const processKey = config.value.apiKey;
  const keySource = options.apiKey === undefined ? 'TESSERA_API_KEY' : '--api-key-stdin';
  const secrets =
    processKey === undefined
      ? keychain
      : (origin: string) => withProcessKey(keychain(origin), account, processKey, keySource);
  const deps: AgentDeps = {
    dataDir: config.value.dataDir,
    serverUrl: () => serverUrl,
    serverMode: () => serverMode,
    chooseServer: async (choice) => {
      const saved = await saveServerChoice(config.value.dataDir, choice);
      if (saved.ok) {
        serverMode = choice.mode;
        serverUrl = saved.value;
      }
      return saved;
    },
    useServerUrl: (url) => {
      serverUrl = url;
    },
    // The state file is sealed with a secret kept in the OS keychain (separate from API keys); on the
    // real keychain the seal (and the secret it read) is shared by every agent of this process.
    store: createLicenseStore(
      dataDir,
      now,
      options.secrets === undefined
        ? processStateSeal(dataDir)
        : createStateSeal(keychain(STATE_SEAL_ORIGIN), dataDir),
    ),
    // A probe that disagrees with the cached machine ID pushes a status change (the cache is only a hint).
    probe: createHardwareProbe(dataDir, options.readFacts, now, () => events.changed()),
    secrets,
    // The transport and the HTTP contracts load with the first request (a `status` sends none).
    client: (baseUrl) =>
      lazyLicenseServerClient(baseUrl, async () =>
        (await clientModule()).openLicenseServerClient(baseUrl, {
          timeoutMs: config.value.requestTimeoutMs,
          ...options.http,
        }),
      ),
    subtle,
    get chain() {
      return chain;
    },
    get trust() {
      return trustSetup;
    },
    trustLocalRoot: (root) => {
      const added = withLocalRoot(trustSetup, root);
      if (added === undefined) return false;
      if (added !== trustSetup) {
        trustSetup = added;
        chain = processChainVerifier(subtle, trustSetup.roots);
      }
      return true;
    },
    catalog: DEFAULT_CATALOG,
    events,
    now,
    account,
    ...(options.keyHandover ? { keyHandover: options.keyHandover } : {}),
  };
  events.setProducer(async () => {
    const status = await computeStatus(deps);
    if (status.ok) return status.value;
    throw new Error(status.error.message);
  });
  return ok(deps);
};
