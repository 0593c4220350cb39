import { fromBase64, toBase64, utf8Bytes } from './bytes';
import { importVerifyKey } from './issuer-keys';
import { ED25519, type CryptoKeyHandle, type SubtleCryptoPort } from './subtle-port';

/**
 * Ed25519 over `prefix + payload` (UTF-8), the one signing scheme of license files and signed time.
 * The domain prefix keeps a signature made for one purpose from being accepted for another.
 */
export const signPrefixed = async (
  subtle: SubtleCryptoPort,
  privateKey: CryptoKeyHandle,
  prefix: string,
  payload: string,
): Promise<string> => toBase64(await subtle.sign(ED25519, privateKey, utf8Bytes(prefix + payload)));

/** Checks a base64 signature over `prefix + payload` with an already imported (certified) key. */
export const verifyPrefixedWithKey = async (
  subtle: SubtleCryptoPort,
  key: CryptoKeyHandle,
  prefix: string,
  payload: string,
  sigBase64: string,
): Promise<boolean> => {
  const signature = fromBase64(sigBase64);
  if (signature === undefined) return false;
  return subtle.verify(ED25519, key, signature, utf8Bytes(prefix + payload)).catch(() => false);
};

/** Outcome of checking a signature against the trusted issuer keys. */
export type PrefixedSignatureCheck = 'valid' | 'untrusted-key' | 'invalid';

/**
 * Checks a base64 signature by the issuer `kid` over `prefix + payload`. 'untrusted-key' when the kid is
 * not trusted (or its trusted entry is not a usable key), 'invalid' for a bad or garbled signature.
 */
export const verifyPrefixed = async (
  subtle: SubtleCryptoPort,
  trustedKeys: ReadonlyMap<string, string>,
  kid: string,
  prefix: string,
  payload: string,
  sigBase64: string,
): Promise<PrefixedSignatureCheck> => {
  const trusted = trustedKeys.get(kid);
  const key = trusted === undefined ? undefined : await importVerifyKey(subtle, trusted);
  if (key === undefined) return 'untrusted-key';
  const signature = fromBase64(sigBase64);
  if (signature === undefined) return 'invalid';
  const genuine = await subtle
    .verify(ED25519, key, signature, utf8Bytes(prefix + payload))
    .catch(() => false);
  return genuine ? 'valid' : 'invalid';
};
