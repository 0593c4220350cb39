import { findProduct } from '../../shared/catalog/find-product';
import { verifyLicense, type VerifiedLicense } from '../../shared/license-file/verify-license';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime, observeLocalTime } from './clock-guard';
import { keepRevocationList, knownRevocations, newerCarriedList } from './revocations';

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
 * Verifies an offline license completely from this build's roots alone (certificate chain, revocation,
 * signature, this machine's ID, product, clock)
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
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const known = await knownRevocations(deps, loaded.value);
  const options = {
    revocations: known,
    expectedProductId: input.expectedProductId,
    now: deps.now(),
    lastTrustedTime: loaded.value.lastTrustedTime || undefined,
  };
  const checked = await verifyLicense(deps.chain, input.content, options);
  if (!checked.ok) return checked;
  // Re-derived from the hardware (never the cache file) before the file is honoured, so an edited
  // machine.json claims no other machine; only a file that passed every other check costs a probe.
  const machine = await deps.probe.fresh();
  if (!machine.ok) return machine;
  const verified = await verifyLicense(deps.chain, input.content, {
    ...options,
    expectedMachineId: machine.value.machineId,
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
  const keep = newerCarriedList(input.content, verified.value.crl, known);
  const saved = await deps.store.update((state) => {
    keepRevocationList(state, keep);
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
