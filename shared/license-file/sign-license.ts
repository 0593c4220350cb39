// eslint-disable-next-line no-restricted-imports -- our shared/crypto/ folder, not node:crypto
import { utf8Bytes, toBase64 } from '../crypto/bytes';
// eslint-disable-next-line no-restricted-imports -- our shared/crypto/ folder, not node:crypto
import { ED25519, type Bytes, type CryptoKeyHandle, type SubtleCryptoPort } from '../crypto/subtle-port';
import { canonicalJson } from './canonical-json';
import { armorEnvelope } from './armor';
import { LICENSE_SIGNING_PREFIX } from './envelope';
import type { LicensePayload } from './payload-schema';

/** The exact bytes signed and verified: domain prefix + payload string as UTF-8. */
export const signingInput = (payload: string): Bytes => utf8Bytes(LICENSE_SIGNING_PREFIX + payload);

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
  const sig = await subtle.sign(ED25519, privateKey, signingInput(payloadText));
  return armorEnvelope({ alg: ED25519.name, kid, payload: payloadText, sig: toBase64(sig) });
};
