import { findProduct } from '../../shared/catalog/find-product';
import { verifyLicense, type VerifiedLicense } from '../../shared/license-file/verify-license';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime, observeLocalTime } from './clock-guard';
import { trustedKeys } from './issuer-trust';
import { legacyKeyChain } from './legacy-chain';

/** Largest input the agent even looks at (the verifier's own limit is far smaller). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** An offline license handed over by content, never by path (the CLI or the renderer read the file). */
export interface OfflineImport {
  readonly fileName: string;
  readonly content: string;
  /** When the user said which product they import for (CLI `--product`). */
  readonly expectedProductId?: string;
}

/**
 * Verifies an offline license completely (signature, trusted issuer, this machine's ID, product, clock)
 * and stores it. Every refusal carries a code and a sentence; on refusal nothing on disk changes.
 */
export const importOfflineLicense = async (
  deps: AgentDeps,
  input: OfflineImport,
): Promise<Result<VerifiedLicense>> => {
  if (input.content.length > MAX_IMPORT_BYTES) {
    return fail(
      'FILE_TOO_LARGE',
      'This file is far larger than a license file (over 1 MB); pick the .lic file your administrator sent.',
    );
  }
  const machine = await deps.probe.machineId();
  if (!machine.ok) return machine;
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  // trust-agent replaces this
  const chain = legacyKeyChain(deps.subtle, trustedKeys(loaded.value, deps.shippedIssuers));
  const verified = await verifyLicense(chain, input.content, {
    expectedMachineId: machine.value,
    expectedProductId: input.expectedProductId,
    now: deps.now(),
    lastTrustedTime: loaded.value.lastTrustedTime || undefined,
  });
  if (!verified.ok) return verified;
  const { payload } = verified.value;
  if (payload.kind !== 'offline') {
    return fail(
      'INVALID_FIELDS',
      'This file is an online lease, not an offline license; ask your administrator for an offline license file.',
    );
  }
  const product = findProduct(deps.catalog, payload.productId);
  if (!product.ok || product.value.offline === null) {
    return fail(
      'WRONG_PRODUCT',
      `Offline licenses do not exist for ${payload.productId}; only products that allow offline use can be imported.`,
    );
  }
  const saved = await deps.store.update((state) => {
    state.offlineLicenses[payload.productId] = {
      content: input.content,
      licenseId: payload.licenseId,
      fileName: input.fileName,
      expiresAt: payload.expiresAt,
      importedAt: deps.now(),
    };
    state.lastTrustedTime = observeLocalTime(
      deps.now(),
      advanceTrustedTime(state.lastTrustedTime, Date.parse(payload.issuedAt)),
    );
    delete state.notes[payload.productId];
    return ok({ state, value: verified.value });
  });
  deps.events.changed();
  return saved;
};
