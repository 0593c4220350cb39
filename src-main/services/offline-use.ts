import { verifyLicense, type VerifiedLicense } from '../../shared/license-file/verify-license';
import { ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { knownRevocations } from './revocations';
import { recordObservedTime } from './observed-time';

/**
 * R5: may the product run here on its imported offline license alone, with no server and no session?
 * Applies when the product has an offline license and no online lease. The machine ID is re-derived from
 * the hardware first (never the cache file) and the file is verified completely, clock included; the
 * time seen is recorded. `undefined` means "not an offline case, go online"; a refusal is returned only
 * when no server could be asked instead (with a server configured, an unusable file falls back to it).
 */
export const checkOfflineUse = async (
  deps: AgentDeps,
  productId: string,
): Promise<Result<VerifiedLicense | undefined>> => {
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const stored = loaded.value.offlineLicenses[productId];
  if (!stored || loaded.value.leases[productId]) return ok(undefined);
  const machine = await deps.probe.fresh();
  if (!machine.ok) return machine;
  const floor = await recordObservedTime(deps, loaded.value.lastTrustedTime);
  const verified = await verifyLicense(deps.chain, stored.content, {
    revocations: await knownRevocations(deps, loaded.value),
    expectedMachineId: machine.value.machineId,
    expectedProductId: productId,
    now: deps.now(),
    lastTrustedTime: (floor.ok ? floor.value : loaded.value.lastTrustedTime) || undefined,
  });
  if (verified.ok && verified.value.payload.kind === 'offline') return verified;
  return deps.serverUrl() || verified.ok ? ok(undefined) : verified;
};

/** The line the CLI prints when a command runs on an offline license: which one, and until when. */
export const offlineUseLine = (productId: string, license: VerifiedLicense): string => {
  const { organizationName, expiresAt } = license.payload;
  return `${productId} runs on its offline license of ${organizationName}, valid until ${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC; no license server is contacted.`;
};
