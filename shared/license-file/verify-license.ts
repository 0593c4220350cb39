import { verifyPrefixedWithKey } from '../crypto/prefixed-signature';
import { parseMachineId } from '../machine-id/machine-id-format';
import { fail, ok, type Result } from '../result';
import { checkCertificateValidity } from '../trust/certificate-validity';
import type { ChainVerifier } from '../trust/chain-verifier';
import {
  newerRevocationList,
  type RevocationListPayload,
  type RevocationState,
} from '../trust/revocation-list';
import type { SignedObject } from '../trust/signed-object';
import type { TrustedRoot } from '../trust/trust-roots';
import { badCertificate, revokedKey } from '../trust/trust-refusals';
import { checkClockRollback, checkTimeWindow, type ClockFacts } from './check-time-window';
import { LICENSE_SIGNING_PREFIX, SUPPORTED_ALGS, type LicenseEnvelope } from './envelope';
import { readLicenseFile } from './read-license-file';
import type { LicensePayload } from './payload-schema';

/** What the verifier is told to expect, besides the roots its chain holds. */
export interface VerifyOptions extends ClockFacts {
  readonly expectedMachineId?: string | undefined;
  readonly expectedProductId?: string | undefined;
  /** Revocation lists already verified and kept (highest serial per root). */
  readonly revocations?: RevocationState | undefined;
  /** Certificates for files made before files carried their own. */
  readonly extraCertificates?: readonly SignedObject[] | undefined;
}

/** A file that passed every check, with the signing key and root that vouched for it. */
export interface VerifiedLicense {
  readonly payload: LicensePayload;
  readonly kid: string;
  readonly root: TrustedRoot;
  /** The revocation list the file carried, verified; the caller keeps it when its serial is higher. */
  readonly crl?: RevocationListPayload;
}

const canonicalMachineId = (id: string): string => {
  const parsed = parseMachineId(id);
  return parsed.ok ? parsed.value : id;
};

/** Certificate → root → certificate signature → kid → carried list → revocation: the chain part of the order. */
const checkChain = async (chain: ChainVerifier, envelope: LicenseEnvelope, options: VerifyOptions) => {
  const certified = await chain.certifiedKey(envelope.cert, {
    kid: envelope.kid,
    ...(options.extraCertificates === undefined ? {} : { extraCertificates: options.extraCertificates }),
  });
  if (!certified.ok) return certified;
  let carried: RevocationListPayload | undefined;
  if (envelope.crl !== undefined) {
    const list = await chain.verifyRevocationList(envelope.crl);
    if (!list.ok) return list;
    if (list.value.rootKid !== certified.value.root.kid)
      return badCertificate('revocation list comes from another root than the certificate', 'list');
    carried = list.value;
  }
  const known = options.revocations?.get(certified.value.root.kid);
  const revoked = newerRevocationList(known, carried)?.revoked.find((e) => e.kid === certified.value.kid);
  if (revoked !== undefined) return revokedKey(revoked);
  return ok({ ...certified.value, carried });
};

/**
 * Verifies a license file completely offline, in a fixed order, each refusal with a stable code:
 * size → armor → alg → certificate present (UNTRUSTED_ISSUER) → root known (UNTRUSTED_ISSUER) →
 * certificate signature and kid (BAD_CERTIFICATE) → revoked (SIGNING_KEY_REVOKED) → file signature →
 * fields → clock → certificate validity (SIGNING_KEY_EXPIRED) → time window → machine → product.
 */
export const verifyLicense = async (
  chain: ChainVerifier,
  text: string,
  options: VerifyOptions,
): Promise<Result<VerifiedLicense>> => {
  const file = readLicenseFile(chain, text);
  if (!file.ok) return file;
  const { alg, kid, payload: payloadText, sig } = file.value.envelope;
  if (!(SUPPORTED_ALGS as readonly string[]).includes(alg)) {
    return fail(
      'UNSUPPORTED_ALG',
      `This license is signed with "${alg}", which this version of Tessera cannot check. Update Tessera.`,
    );
  }
  const signer = await checkChain(chain, file.value.envelope, options);
  if (!signer.ok) return signer;
  if (
    !(await verifyPrefixedWithKey(chain.subtle, signer.value.key, LICENSE_SIGNING_PREFIX, payloadText, sig))
  ) {
    return fail(
      'BAD_SIGNATURE',
      'This license file has been changed or damaged since it was issued. Import the original file your administrator sent.',
    );
  }
  const { payload } = file.value;
  if (payload === undefined) {
    return fail(
      'INVALID_FIELDS',
      'This license file is signed but its contents are not in a format this version of Tessera understands. Update Tessera or ask for a new file.',
    );
  }
  const clockSane = checkClockRollback(options.now, options.lastTrustedTime, options.rollbackToleranceMs);
  if (!clockSane.ok) return clockSane;
  const at = Math.max(options.now, options.lastTrustedTime ?? options.now);
  const window = { notBefore: Date.parse(payload.notBefore), expiresAt: Date.parse(payload.expiresAt) };
  const keyValid = checkCertificateValidity(signer.value.certificate, at, window);
  if (!keyValid.ok) return keyValid;
  const timely = checkTimeWindow(payload, options);
  if (!timely.ok) return timely;
  const machineId =
    options.expectedMachineId === undefined ? undefined : canonicalMachineId(options.expectedMachineId);
  if (machineId !== undefined && payload.machineId !== machineId) {
    return fail(
      'WRONG_MACHINE',
      `This file is for machine ${payload.machineId}; this machine is ${machineId}. Ask your administrator for a license made for this machine ID.`,
      { fileMachineId: payload.machineId, machineId },
    );
  }
  if (options.expectedProductId !== undefined && payload.productId !== options.expectedProductId) {
    return fail(
      'WRONG_PRODUCT',
      `This license is for ${payload.productId.toUpperCase()}, not ${options.expectedProductId.toUpperCase()}. Import the license file for the product you want to use.`,
    );
  }
  const { root, carried } = signer.value;
  return ok({ payload, kid, root, ...(carried === undefined ? {} : { crl: carried }) });
};
