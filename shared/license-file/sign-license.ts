import { signPrefixed } from '../crypto/prefixed-signature';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import { armorEnvelope } from './armor';
import { canonicalJson } from './canonical-json';
import { LICENSE_SIGNING_PREFIX } from './envelope';
import type { LicensePayload } from './payload-schema';

/**
 * Signs a payload and returns the armored license file text. The caller (the server) validates the
 * payload against licensePayloadSchema first; a file is only as good as what was signed.
 */
export const signLicense = async (
  subtle: SubtleCryptoPort,
  privateKey: CryptoKeyHandle,
  kid: string,
  payload: LicensePayload,
): Promise<string> => {
  const payloadText = canonicalJson(payload);
  const sig = await signPrefixed(subtle, privateKey, LICENSE_SIGNING_PREFIX, payloadText);
  return armorEnvelope({ alg: 'Ed25519', kid, payload: payloadText, sig });
};
