/**
 * The slice of WebCrypto's SubtleCrypto that license files need, declared here so shared/ stays pure
 * (lib ES2023, no DOM or Node types). Node passes `globalThis.crypto.subtle`, Chromium its own.
 */

/** Bytes handed to WebCrypto; pinned to ArrayBuffer so DOM's BufferSource accepts them. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** An opaque key handle: shared/ never looks inside, it only passes keys back to the port. */
export interface CryptoKeyHandle {
  readonly type: string;
  readonly extractable: boolean;
}

/** The only algorithm license files use; a named constant keeps sign and verify in step. */
export const ED25519 = { name: 'Ed25519' } as const;

/** Ed25519 parameters as WebCrypto takes them. */
export type Ed25519Params = typeof ED25519;

/** A generated signing pair, as WebCrypto's generateKey returns it. */
export interface CryptoKeyPairHandle {
  readonly publicKey: CryptoKeyHandle;
  readonly privateKey: CryptoKeyHandle;
}

/** The structural port: any real SubtleCrypto satisfies it, so callers pass it without wrapping. */
export interface SubtleCryptoPort {
  importKey(
    format: 'raw' | 'pkcs8',
    keyData: Bytes,
    algorithm: Ed25519Params,
    extractable: boolean,
    keyUsages: ('sign' | 'verify')[],
  ): Promise<CryptoKeyHandle>;
  exportKey(format: 'raw' | 'pkcs8', key: CryptoKeyHandle): Promise<ArrayBuffer>;
  generateKey(
    algorithm: Ed25519Params,
    extractable: boolean,
    keyUsages: ('sign' | 'verify')[],
  ): Promise<unknown>;
  sign(algorithm: Ed25519Params, key: CryptoKeyHandle, data: Bytes): Promise<ArrayBuffer>;
  verify(algorithm: Ed25519Params, key: CryptoKeyHandle, signature: Bytes, data: Bytes): Promise<boolean>;
}
