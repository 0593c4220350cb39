import type { SubtleCryptoPort } from '../../shared/crypto/subtle-port';

/** Node's WebCrypto satisfies the shared port structurally (Ed25519 is supported in Node 20). */
export const nodeSubtle: SubtleCryptoPort = globalThis.crypto.subtle;
