// The agent services the commands call, gathered so commands load them on demand (`loadServices`):
// `tessera --help` and usage errors start without zod, the store or the hardware probe.
export { activateProduct, deactivateProduct } from '../services/activation-service';
export { AUTH_REFUSALS, deleteKey, setKey } from '../services/key-service';
export { machineInfo } from '../services/machine-info';
export { importOfflineLicense, MAX_IMPORT_BYTES } from '../services/offline-import';
export { checkOfflineUse, offlineUseLine } from '../services/offline-use';
export { createSessionManager } from '../services/session-service';
export { computeStatus } from '../services/status-service';
