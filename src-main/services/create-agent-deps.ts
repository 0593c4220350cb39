import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { ok, type Result } from '../../shared/result';
import { createHardwareProbe } from '../adapters/hardware-probe';
import type { HardwareFacts } from '../adapters/hardware-facts';
import { createHttpClient, type HttpClientOptions } from '../adapters/http-client';
import { createKeytarSecretStore } from '../adapters/keytar-secret-store';
import { createLicenseServerClient } from '../adapters/license-server-client';
import { createLicenseStore } from '../adapters/license-store';
import { DEFAULT_ACCOUNT, type SecretStore } from '../adapters/secret-store';
import { loadTrustedIssuers } from '../adapters/trusted-issuers';
import { loadConfig, saveServerChoice } from '../config/load-config';
import type { AgentDeps } from './agent-deps';
import { createStatusEvents } from './status-events';
import { computeStatus } from './status-service';

/** Knobs for the composition root; everything defaults to the real adapters. */
export interface AgentOptions {
  dataDir?: string;
  serverUrl?: string;
  /** Folder with trusted-issuers.json (Electron passes process.resourcesPath). */
  resourcesDir?: string;
  account?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  http?: HttpClientOptions;
  secrets?: (serverOrigin: string) => SecretStore;
  readFacts?: () => Promise<HardwareFacts>;
}

/** The repository's resources/ folder when running from source (tsx); bundles pass resourcesDir instead. */
export const defaultResourcesDir = (): string => {
  try {
    return fileURLToPath(new URL('../../resources/', import.meta.url));
  } catch {
    return join(process.cwd(), 'resources');
  }
};

/** Builds the real agent (config, store, probe, keychain, HTTP client, trusted issuers) for the CLI and Electron. */
export const createAgentDeps = async (options: AgentOptions = {}): Promise<Result<AgentDeps>> => {
  const env = options.env ?? process.env;
  const config = await loadConfig({ dataDir: options.dataDir, serverUrl: options.serverUrl }, env);
  if (!config.ok) return config;
  const issuersPath =
    config.value.trustedIssuersPath ??
    join(options.resourcesDir ?? defaultResourcesDir(), 'trusted-issuers.json');
  const issuers = await loadTrustedIssuers(issuersPath);
  if (!issuers.ok) return issuers;
  const now = options.now ?? Date.now;
  let serverUrl = config.value.serverUrl;
  let serverMode: 'remote' | 'embedded' | 'none' = config.value.serverMode ?? (serverUrl ? 'remote' : 'none');
  const events = createStatusEvents();
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
    store: createLicenseStore(config.value.dataDir, now),
    probe: createHardwareProbe(config.value.dataDir, options.readFacts, now),
    secrets: options.secrets ?? createKeytarSecretStore,
    client: (baseUrl) =>
      createLicenseServerClient(
        createHttpClient(baseUrl, { timeoutMs: config.value.requestTimeoutMs, ...options.http }),
      ),
    subtle: globalThis.crypto.subtle,
    shippedIssuers: issuers.value,
    catalog: DEFAULT_CATALOG,
    events,
    now,
    account: options.account ?? DEFAULT_ACCOUNT,
  };
  events.setProducer(async () => {
    const status = await computeStatus(deps);
    if (status.ok) return status.value;
    throw new Error(status.error.message);
  });
  return ok(deps);
};
