import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import type { Result } from '../result';
import type { ValidityWindow } from './certificate-validity';
import type { KeyCertificatePayload } from './key-certificate';
import type { RevocationListPayload, RevocationState } from './revocation-list';
import type { SignedObject } from './signed-object';
import type { TrustedRoot } from './trust-roots';

// The chain verifier's vocabulary, apart from its implementation (chain-verifier.ts re-exports it).

/** A signing key the chain vouches for, with the certificate and root that vouch for it. */
export interface CertifiedKey {
  readonly kid: string;
  readonly key: CryptoKeyHandle;
  readonly root: TrustedRoot;
  readonly certificate: KeyCertificatePayload;
}

/** What a caller knows when it asks for a signing key: the kid a file names, and its revocation facts. */
export interface ResolveContext {
  readonly kid: string;
  readonly revocations?: RevocationState;
  /** Certificates for files that carry none (files made before certificates existed). */
  readonly extraCertificates?: readonly SignedObject[];
}

/** As ResolveContext, plus the instant the key is used at and, for a file, its validity window. */
export interface SigningKeyContext extends ResolveContext {
  readonly at: number;
  readonly window?: ValidityWindow;
}

/** Verifies certificates and revocation lists against a fixed set of roots, caching what it verified. */
export interface ChainVerifier {
  /** The WebCrypto port the chain verifies with; verifyLicense checks the file signature through it. */
  readonly subtle: SubtleCryptoPort;
  readonly roots: ReadonlyMap<string, TrustedRoot>;
  /** The signing key a certificate vouches for, checked completely (root, signature, kid, revocation, validity). */
  signingKey(cert: SignedObject | undefined, ctx: SigningKeyContext): Promise<Result<CertifiedKey>>;
  /** As signingKey without the validity dates, so verifyLicense can check them in the order of the spec. */
  certifiedKey(cert: SignedObject | undefined, ctx: ResolveContext): Promise<Result<CertifiedKey>>;
  /** A revocation list signed by one of the roots, or a refusal (BAD_CERTIFICATE / UNTRUSTED_ISSUER). */
  verifyRevocationList(obj: SignedObject): Promise<Result<RevocationListPayload>>;
}
