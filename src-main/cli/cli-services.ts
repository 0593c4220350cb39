// The agent services the commands call, gathered so commands load them on demand (`loadServices`):
// `tessera --help` and usage errors start without zod, the store or the hardware probe. Everything an
// agent command loads is reached through this ONE dynamic import: each `import()` is an entry of the
// bundle's code splitting and each set of entries sharing a module makes another chunk file, which Node
// resolves, reads and compiles on its own (`tessera status` loaded 16 chunk files, now 10).
export { readLicenseFile } from '../adapters/read-license-file';
export { readAgentEnv } from '../config/agent-env';
export { createAgentDeps } from '../services/create-agent-deps';
export { activateProduct, deactivateProduct } from '../services/activation-service';
export { AUTH_REFUSALS, deleteKey, setKey } from '../services/key-service';
export { machineInfo } from '../services/machine-info';
export { importOfflineLicense, MAX_IMPORT_BYTES } from '../services/offline-import';
export { checkOfflineUse, offlineUseLine } from '../services/offline-use';
export { createSessionManager } from '../services/session-service';
export { computeStatus } from '../services/status-service';
