import { signPrefixed } from '../crypto/prefixed-signature';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import type { SignedObject } from '../trust/signed-object';
import { armorEnvelope } from './armor';
import { canonicalJson } from './canonical-json';
import { LICENSE_SIGNING_PREFIX } from './envelope';
import type { LicensePayload } from './payload-schema';

/**
 * Signs a payload and returns the armored license file text, embedding the signing key's certificate
 * (and, for leases, the latest revocation list) so the file verifies with nothing but the root. The
 * caller (the server) validates the payload against licensePayloadSchema first.
 */
export const signLicense = async (
  subtle: SubtleCryptoPort,
  privateKey: CryptoKeyHandle,
  kid: string,
  payload: LicensePayload,
  cert: SignedObject,
  crl?: SignedObject,
): Promise<string> => {
  const payloadText = canonicalJson(payload);
  const sig = await signPrefixed(subtle, privateKey, LICENSE_SIGNING_PREFIX, payloadText);
  return armorEnvelope({
    alg: 'Ed25519',
    kid,
    payload: payloadText,
    sig,
    cert,
    ...(crl === undefined ? {} : { crl }),
  });
};
