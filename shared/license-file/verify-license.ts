import { verifyPrefixed } from '../crypto/prefixed-signature';
import type { SubtleCryptoPort } from '../crypto/subtle-port';
import { parseMachineId } from '../machine-id/machine-id-format';
import { fail, ok, type Result } from '../result';
import { dearmorEnvelope } from './armor';
import { canonicalJson } from './canonical-json';
import { checkTimeWindow, type ClockFacts } from './check-time-window';
import { LICENSE_SIGNING_PREFIX, SUPPORTED_ALGS } from './envelope';
import { licensePayloadSchema, type LicensePayload } from './payload-schema';

/** What the verifier is told to expect; trustedKeys maps kid → raw Ed25519 public key (base64). */
export interface VerifyOptions extends ClockFacts {
  readonly trustedKeys: ReadonlyMap<string, string>;
  readonly expectedMachineId?: string;
  readonly expectedProductId?: string;
}

/** A file that passed every check, with the issuer key that vouched for it. */
export interface VerifiedLicense {
  readonly payload: LicensePayload;
  readonly kid: string;
}

const canonicalMachineId = (id: string): string => {
  const parsed = parseMachineId(id);
  return parsed.ok ? parsed.value : id;
};

const parsePayload = (payloadText: string): LicensePayload | undefined => {
  try {
    const parsed = licensePayloadSchema.safeParse(JSON.parse(payloadText));
    return parsed.success && canonicalJson(parsed.data) === payloadText ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Verifies a license file completely offline, in a fixed order, each refusal with a stable code:
 * size (FILE_TOO_LARGE) → armor (MALFORMED) → alg → trusted kid → signature → fields → time window → machine → product.
 */
export const verifyLicense = async (
  subtle: SubtleCryptoPort,
  text: string,
  options: VerifyOptions,
): Promise<Result<VerifiedLicense>> => {
  const envelope = dearmorEnvelope(text);
  if (!envelope.ok) return envelope;
  const { alg, kid, payload: payloadText, sig } = envelope.value;
  if (!(SUPPORTED_ALGS as readonly string[]).includes(alg)) {
    return fail(
      'UNSUPPORTED_ALG',
      `This license is signed with "${alg}", which this version of Tessera cannot check. Update Tessera.`,
    );
  }
  const signature = await verifyPrefixed(
    subtle,
    options.trustedKeys,
    kid,
    LICENSE_SIGNING_PREFIX,
    payloadText,
    sig,
  );
  if (signature === 'untrusted-key') {
    return fail(
      'UNTRUSTED_ISSUER',
      `This license was issued by a key (${kid}) this installation does not trust. Ask your administrator for a license from your organization's license server.`,
      { kid },
    );
  }
  if (signature === 'invalid') {
    return fail(
      'BAD_SIGNATURE',
      'This license file has been changed or damaged since it was issued. Import the original file your administrator sent.',
    );
  }
  const payload = parsePayload(payloadText);
  if (payload === undefined) {
    return fail(
      'INVALID_FIELDS',
      'This license file is signed but its contents are not in a format this version of Tessera understands. Update Tessera or ask for a new file.',
    );
  }
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
  return ok({ payload, kid });
};
