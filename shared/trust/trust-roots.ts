import * as z from 'zod/mini';
import { fromBase64 } from '../crypto/bytes';
import { ED25519_PUBLIC_KEY_LENGTH, keyIdFor } from '../crypto/issuer-keys';
import { fail, ok, type Result } from '../result';

/** Where a root came from: shipped by the vendor, a machine-wide policy file, or a local evaluation server. */
export type TrustedRootSource = 'vendor' | 'policy' | 'local-evaluation';

/** A root key the agent trusts to certify signing keys. */
export interface TrustedRoot {
  readonly kid: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly name: string;
  readonly source: TrustedRootSource;
}

/** The only trust roots document version this code reads and writes. */
export const TRUST_ROOTS_VERSION = 1;

/** The file shipped in resources/ (and the machine-wide policy file): the roots, each named by its kid. */
export const trustRootsDocumentSchema = z.strictObject({
  v: z.literal(TRUST_ROOTS_VERSION),
  roots: z
    .array(
      z.strictObject({
        kid: z.string().check(z.minLength(1), z.maxLength(64)),
        publicKey: z.string().check(z.minLength(1), z.maxLength(64)),
        name: z.string().check(z.minLength(1), z.maxLength(200)),
      }),
    )
    .check(z.maxLength(64)),
});
/** A trust roots document. */
export type TrustRootsDocument = z.infer<typeof trustRootsDocumentSchema>;

/** True when a kid is exactly the digest of the base64 raw Ed25519 key it names. */
export const kidMatchesKey = (kid: string, publicKeyBase64: string): boolean => {
  const raw = fromBase64(publicKeyBase64);
  return raw?.length === ED25519_PUBLIC_KEY_LENGTH && keyIdFor(raw) === kid;
};

/**
 * Reads a trust roots document (already JSON-parsed) into the map a chain verifier takes. Refuses the
 * whole document when any root's kid does not match its key, so a typo never trusts the wrong key.
 */
export const parseTrustRoots = (
  json: unknown,
  source: TrustedRootSource,
): Result<ReadonlyMap<string, TrustedRoot>> => {
  const parsed = trustRootsDocumentSchema.safeParse(json);
  if (!parsed.success) {
    return fail(
      'VALIDATION_FAILED',
      'The trust roots document is not {v: 1, roots: [{kid, publicKey, name}]}.',
    );
  }
  const roots = new Map<string, TrustedRoot>();
  for (const { kid, publicKey, name } of parsed.data.roots) {
    if (!kidMatchesKey(kid, publicKey)) {
      return fail(
        'VALIDATION_FAILED',
        `The trust root ${kid} does not match its public key; export the roots again with \`root export-public\`.`,
        { kid },
      );
    }
    roots.set(kid, { kid, publicKey, name, source });
  }
  return ok(roots);
};
