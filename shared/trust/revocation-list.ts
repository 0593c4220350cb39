import * as z from 'zod/mini';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import { REVOCATION_LIST_PREFIX, signObject, type SignedObject } from './signed-object';

const instant = z.iso.datetime({ offset: false, message: 'Dates must be ISO-8601 UTC instants.' });
const kidSchema = z.string().check(z.regex(/^[0-9a-f]{16}$/, 'A key id is 16 lowercase hex digits.'));

/** The only revocation list format version this code reads and writes. */
export const REVOCATION_LIST_VERSION = 1;

/** Most entries a list may hold; far beyond any real rotation history, small enough for every lease. */
export const MAX_REVOKED_KEYS = 256;

/** One withdrawn signing key: files it signed are refused from then on, whatever their dates. */
export const revokedKeySchema = z.strictObject({
  kid: kidSchema,
  revokedAt: instant,
  reason: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

/**
 * A root's complete list of revoked signing keys. Each new list repeats every earlier entry and has a
 * higher serial, so an agent keeps only the highest serial it has verified per root.
 */
export const revocationListPayloadSchema = z.strictObject({
  v: z.literal(REVOCATION_LIST_VERSION),
  rootKid: kidSchema,
  serial: z.number().check(z.int(), z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  issuedAt: instant,
  revoked: z.array(revokedKeySchema).check(z.maxLength(MAX_REVOKED_KEYS)),
});
/** The content of a revocation list. */
export type RevocationListPayload = z.infer<typeof revocationListPayloadSchema>;

/** What the agent already knows: per root kid, the verified list with the highest serial. */
export type RevocationState = ReadonlyMap<string, RevocationListPayload>;

/** Signs a revocation list with the root private key. */
export const signRevocationList = async (
  subtle: SubtleCryptoPort,
  rootPrivateKey: CryptoKeyHandle,
  payload: RevocationListPayload,
): Promise<SignedObject> =>
  signObject(subtle, rootPrivateKey, REVOCATION_LIST_PREFIX, revocationListPayloadSchema.parse(payload));

/** The newer of two lists of one root (higher serial wins; either may be missing). */
export const newerRevocationList = (
  a: RevocationListPayload | undefined,
  b: RevocationListPayload | undefined,
): RevocationListPayload | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.serial > a.serial ? b : a;
};
