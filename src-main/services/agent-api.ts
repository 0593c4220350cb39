import type { AgentBridge, IpcResponse } from '../../shared/contracts/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { activateProduct, deactivateProduct } from './activation-service';
import { createAdminProxy } from './admin-proxy';
import { deleteKey, keyState, setKey } from './key-service';
import { machineInfo, machineRequestFile } from './machine-info';
import { importOfflineLicense } from './offline-import';
import type { ProductStatus } from './product-status';
import type { SessionManager } from './session-service';
import { computeStatus } from './status-service';
import { requireServer, serverAccess } from './server-access';

/** The embedded license server handle the Electron glue passes in (createEmbeddedServer, src-main/electron/embedded-server.ts). */
export interface EmbeddedServerHandle {
  ensureStarted(): Promise<Result<string>>;
}

type ServerState = IpcResponse<'server:get-config'>;

const productResult = async (
  deps: AgentDeps,
  productId: string,
  after: Result<unknown>,
): Promise<Result<ProductStatus>> => {
  if (!after.ok) return after;
  const status = await computeStatus(deps, [productId]);
  if (!status.ok) return status;
  const product = status.value.products.find((entry) => entry.productId === productId);
  return product ? ok(product) : fail('NO_LICENSE', `${productId} has no license on this machine.`);
};

const serverState = (deps: AgentDeps): ServerState => {
  const mode = deps.serverMode();
  const url = deps.serverUrl();
  const config = mode === 'embedded' ? { mode } : mode === 'remote' && url ? { mode, url } : null;
  return { config, activeUrl: url ?? null };
};

/**
 * The AgentApi facade (shared/contracts/ipc.ts) over the services: a thin mapping the Electron IPC
 * handlers and the e2e binding call after validating payloads. Results, never throws.
 */
export const createAgentApi = (
  deps: AgentDeps,
  sessions: SessionManager,
  embedded?: EmbeddedServerHandle,
): AgentBridge => ({
  licenseActivate: async ({ productId }) => {
    const activated = await activateProduct(deps, productId);
    // A one-at-a-time model (per-User, node-locked) returns its session with the lease: heartbeat it now.
    if (activated.ok) await sessions.resume();
    return productResult(deps, productId, activated);
  },
  licenseDeactivate: async ({ productId }) =>
    productResult(deps, productId, await deactivateProduct(deps, productId)),
  licenseImportOffline: async ({ fileName, content }) => {
    const imported = await importOfflineLicense(deps, { fileName, content });
    return imported.ok ? productResult(deps, imported.value.payload.productId, imported) : imported;
  },
  licenseGetStatus: () => computeStatus(deps),
  machineGetInfo: () => machineInfo(deps),
  machineSaveRequest: () => machineRequestFile(deps),
  keySet: (payload) => setKey(deps, payload),
  keyHas: () => keyState(deps),
  keyDelete: () => deleteKey(deps),
  serverGetConfig: async () => ok(serverState(deps)),
  serverSetConfig: async (config) => {
    const chosen = await deps.chooseServer(config);
    if (!chosen.ok) return chosen;
    if (config.mode === 'embedded') {
      if (!embedded)
        return fail(
          'SERVER_UNAVAILABLE',
          'This build of Tessera has no built-in license server; enter your server URL instead.',
        );
      const started = await embedded.ensureStarted();
      if (!started.ok) return started;
      deps.useServerUrl(started.value);
    }
    deps.events.changed();
    return ok(serverState(deps));
  },
  sessionStart: async ({ productId, applicationId }) => {
    const started = await sessions.start(productId, applicationId);
    if (!started.ok) return started;
    const s = started.value;
    return ok({
      sessionId: s.sessionId,
      productId,
      state: 'active' as const,
      startedAt: new Date(s.startedAt).toISOString(),
      heartbeatIntervalSeconds: Math.max(1, Math.round(s.heartbeatIntervalSeconds)),
      endedReason: null,
    });
  },
  sessionStop: async ({ productId }) => {
    const stopped = await sessions.stop(productId);
    return stopped.ok ? ok({ done: true as const }) : stopped;
  },
  accountGetMe: async () => {
    const server = requireServer(deps);
    if (!server.ok) return server;
    const access = await serverAccess(deps);
    return access.ok ? access.value.client.me(access.value.apiKey) : access;
  },
  ...createAdminProxy(deps),
  onLicenseStatusChanged: (listener) => deps.events.subscribe(listener),
});
