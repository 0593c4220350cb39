import * as z from 'zod/mini';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import { KEY_CERTIFICATE_PREFIX, signObject, type SignedObject } from './signed-object';

const instant = z.iso.datetime({ offset: false, message: 'Dates must be ISO-8601 UTC instants.' });
const kidSchema = z.string().check(z.regex(/^[0-9a-f]{16}$/, 'A key id is 16 lowercase hex digits.'));

/** The only certificate format version this code reads and writes. */
export const KEY_CERTIFICATE_VERSION = 1;

/**
 * What a root says about a signing key: this public key (named by its kid) may sign licenses for the
 * issuer between notBefore and notAfter. Strict, so an unknown field means a format this code does not know.
 */
export const keyCertificatePayloadSchema = z
  .strictObject({
    v: z.literal(KEY_CERTIFICATE_VERSION),
    kid: kidSchema,
    publicKey: z.string().check(z.minLength(1), z.maxLength(64)),
    issuer: z.string().check(z.minLength(1), z.maxLength(200)),
    rootKid: kidSchema,
    notBefore: instant,
    notAfter: instant,
  })
  .check(
    z.refine((c) => Date.parse(c.notBefore) < Date.parse(c.notAfter), {
      message: 'A certificate must start before it ends.',
      path: ['notAfter'],
    }),
  );
/** The content of a key certificate. */
export type KeyCertificatePayload = z.infer<typeof keyCertificatePayloadSchema>;

/** Certifies a signing key with the root private key (the server's root, or a test's). */
export const signKeyCertificate = async (
  subtle: SubtleCryptoPort,
  rootPrivateKey: CryptoKeyHandle,
  payload: KeyCertificatePayload,
): Promise<SignedObject> =>
  signObject(subtle, rootPrivateKey, KEY_CERTIFICATE_PREFIX, keyCertificatePayloadSchema.parse(payload));
