import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fromBase64, toBase64 } from './bytes';
import {
  ED25519,
  type CryptoKeyHandle,
  type CryptoKeyPairHandle,
  type SubtleCryptoPort,
} from './subtle-port';

/** Length of a raw Ed25519 public key; anything else is not a key we can trust. */
export const ED25519_PUBLIC_KEY_LENGTH = 32;

/** Names an issuer key in files (`kid`) so keys can rotate: first 16 hex of sha256(raw public key). */
export const keyIdFor = (rawPublicKey: Uint8Array): string => bytesToHex(sha256(rawPublicKey)).slice(0, 16);

/** A new issuer key as the server stores it: the private half as PKCS#8 (kept secret), the public half raw. */
export interface IssuerKeyMaterial {
  readonly kid: string;
  readonly publicKeyBase64: string;
  readonly privateKeyPkcs8Base64: string;
}

const isKeyPair = (value: unknown): value is CryptoKeyPairHandle =>
  typeof value === 'object' && value !== null && 'publicKey' in value && 'privateKey' in value;

/** Creates an issuer key pair through the port, so the server and tests share one way of making keys. */
export const createIssuerKey = async (subtle: SubtleCryptoPort): Promise<IssuerKeyMaterial> => {
  const pair = await subtle.generateKey(ED25519, true, ['sign', 'verify']);
  if (!isKeyPair(pair)) throw new Error('WebCrypto did not return an Ed25519 key pair.');
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  return { kid: keyIdFor(raw), publicKeyBase64: toBase64(raw), privateKeyPkcs8Base64: toBase64(pkcs8) };
};

/** Loads a stored PKCS#8 private key for signing; non-extractable so it cannot be read back out. */
export const importSigningKey = async (
  subtle: SubtleCryptoPort,
  pkcs8Base64: string,
): Promise<CryptoKeyHandle> => {
  const bytes = fromBase64(pkcs8Base64);
  if (bytes === undefined) throw new Error('The signing key is not valid base64.');
  return subtle.importKey('pkcs8', bytes, ED25519, false, ['sign']);
};

/** Loads a trusted raw public key for verification, or undefined when it is not a usable Ed25519 key. */
export const importVerifyKey = async (
  subtle: SubtleCryptoPort,
  rawPublicKeyBase64: string,
): Promise<CryptoKeyHandle | undefined> => {
  const bytes = fromBase64(rawPublicKeyBase64);
  if (bytes?.length !== ED25519_PUBLIC_KEY_LENGTH) return undefined;
  try {
    return await subtle.importKey('raw', bytes, ED25519, true, ['verify']);
  } catch {
    return undefined;
  }
};
