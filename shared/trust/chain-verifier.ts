import { fromBase64, utf8Bytes } from '../crypto/bytes';
import { importVerifyKey } from '../crypto/issuer-keys';
import { ED25519, type CryptoKeyHandle, type SubtleCryptoPort } from '../crypto/subtle-port';
import { ok } from '../result';
import { checkCertificateValidity } from './certificate-validity';
import type { ChainVerifier, ResolveContext } from './chain-types';
import { keyCertificatePayloadSchema, type KeyCertificatePayload } from './key-certificate';
import { revocationListPayloadSchema, type RevocationListPayload } from './revocation-list';
import {
  KEY_CERTIFICATE_PREFIX,
  parseSignedPayload,
  REVOCATION_LIST_PREFIX,
  signedObjectSchema,
  type SignedObject,
} from './signed-object';
import { kidMatchesKey, type TrustedRoot } from './trust-roots';
import { badCertificate, revokedKey, untrustedIssuer } from './trust-refusals';

export type { CertifiedKey, ChainVerifier, ResolveContext, SigningKeyContext } from './chain-types';

/** How many verified certificates and lists are remembered (each a few hundred bytes). */
const CACHE_LIMIT = 256;

const remember = <V>(cache: Map<string, V>, key: string, value: V): void => {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
};

const cacheKey = (obj: SignedObject): string => `${obj.sig}.${obj.payload}`;

const findCertificate = (cert: SignedObject | undefined, ctx: ResolveContext): SignedObject | undefined =>
  cert ??
  ctx.extraCertificates?.find(
    (extra) => parseSignedPayload(keyCertificatePayloadSchema, extra)?.kid === ctx.kid,
  );

/**
 * Builds the verifier over a fixed map of roots (rootKid → root). Imported keys and verified
 * certificates and lists are cached by their exact bytes, so verifying a file again costs one
 * Ed25519 verification (the file's own signature).
 */
export const createChainVerifier = (
  subtle: SubtleCryptoPort,
  roots: ReadonlyMap<string, TrustedRoot>,
): ChainVerifier => {
  const rootKeys = new Map<string, Promise<CryptoKeyHandle | undefined>>();
  const certificates = new Map<
    string,
    { key: CryptoKeyHandle; root: TrustedRoot; certificate: KeyCertificatePayload }
  >();
  const lists = new Map<string, RevocationListPayload>();

  /** A root's key, only when the root is listed under its own kid and that kid is the digest of its key. */
  const rootKey = (rootKid: string): Promise<CryptoKeyHandle | undefined> => {
    const root = roots.get(rootKid);
    if (root === undefined || root.kid !== rootKid || !kidMatchesKey(root.kid, root.publicKey))
      return Promise.resolve(undefined);
    let key = rootKeys.get(rootKid);
    if (key === undefined) {
      key = importVerifyKey(subtle, root.publicKey);
      rootKeys.set(rootKid, key);
    }
    return key;
  };

  const signatureHolds = async (
    key: CryptoKeyHandle,
    prefix: string,
    obj: SignedObject,
  ): Promise<boolean> => {
    const signature = fromBase64(obj.sig);
    if (signature === undefined) return false;
    return subtle.verify(ED25519, key, signature, utf8Bytes(prefix + obj.payload)).catch(() => false);
  };

  /** The root-checked part of a certificate (cached): root known, signature, kid matches key. */
  const verifyCertificate = async (obj: SignedObject, kid: string) => {
    const cached = certificates.get(cacheKey(obj));
    if (cached !== undefined) {
      return cached.certificate.kid === kid
        ? ok(cached)
        : badCertificate(`names key ${cached.certificate.kid}, not ${kid}`);
    }
    if (!signedObjectSchema.safeParse(obj).success) return untrustedIssuer(undefined);
    const certificate = parseSignedPayload(keyCertificatePayloadSchema, obj);
    if (certificate === undefined) return untrustedIssuer(undefined);
    const root = roots.get(certificate.rootKid);
    const key = await rootKey(certificate.rootKid);
    if (root === undefined || key === undefined) return untrustedIssuer(certificate.rootKid);
    if (!(await signatureHolds(key, KEY_CERTIFICATE_PREFIX, obj)))
      return badCertificate('is not signed by its root');
    if (!kidMatchesKey(certificate.kid, certificate.publicKey))
      return badCertificate('names a key id that is not its key');
    if (certificate.kid !== kid) return badCertificate(`names key ${certificate.kid}, not ${kid}`);
    const signingKey = await importVerifyKey(subtle, certificate.publicKey);
    if (signingKey === undefined) return badCertificate('holds no usable Ed25519 key');
    const verified = { key: signingKey, root, certificate };
    remember(certificates, cacheKey(obj), verified);
    return ok(verified);
  };

  const certifiedKey: ChainVerifier['certifiedKey'] = async (cert, ctx) => {
    const found = findCertificate(cert, ctx);
    if (found === undefined) return untrustedIssuer(undefined, ctx.kid);
    const verified = await verifyCertificate(found, ctx.kid);
    if (!verified.ok) return verified;
    const { key, root, certificate } = verified.value;
    const revoked = ctx.revocations?.get(root.kid)?.revoked.find((entry) => entry.kid === certificate.kid);
    if (revoked !== undefined) return revokedKey(revoked);
    return ok({ kid: certificate.kid, key, root, certificate });
  };

  return {
    subtle,
    roots,
    certifiedKey,
    async signingKey(cert, ctx) {
      const resolved = await certifiedKey(cert, ctx);
      if (!resolved.ok) return resolved;
      const valid = checkCertificateValidity(resolved.value.certificate, ctx.at, ctx.window);
      return valid.ok ? resolved : valid;
    },
    async verifyRevocationList(obj) {
      const cached = lists.get(cacheKey(obj));
      if (cached !== undefined) return ok(cached);
      if (!signedObjectSchema.safeParse(obj).success)
        return badCertificate('revocation list is damaged', 'list');
      const list = parseSignedPayload(revocationListPayloadSchema, obj);
      if (list === undefined) return badCertificate('revocation list is damaged', 'list');
      const key = await rootKey(list.rootKid);
      if (key === undefined) return untrustedIssuer(list.rootKid);
      if (!(await signatureHolds(key, REVOCATION_LIST_PREFIX, obj)))
        return badCertificate('revocation list is not signed by its root', 'list');
      remember(lists, cacheKey(obj), list);
      return ok(list);
    },
  };
};
