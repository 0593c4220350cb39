import * as z from 'zod/mini';
import { signedObjectSchema } from '../trust/signed-object';

/** Signature algorithms this code can check; the envelope names one so new ones can be added later. */
export const SUPPORTED_ALGS = ['Ed25519'] as const;

/** Domain separation: a license signature can never be replayed as any other Tessera signature. */
export const LICENSE_SIGNING_PREFIX = 'tessera-license-v1\n';

/**
 * The JSON inside the armor. `payload` stays a string so the signature covers its exact bytes;
 * `alg` is any string here so an unknown algorithm is reported as such, not as a malformed file.
 * `cert` is the root-signed certificate of the signing key (optional only so files made before
 * certificates still parse); `crl` the issuer's latest revocation list, carried by leases.
 */
export const envelopeSchema = z.strictObject({
  alg: z.string().check(z.maxLength(32)),
  kid: z.string().check(z.minLength(1), z.maxLength(64)),
  payload: z.string().check(z.minLength(2)),
  sig: z.string().check(z.minLength(1), z.maxLength(256)),
  cert: z.optional(signedObjectSchema),
  crl: z.optional(signedObjectSchema),
});
/** A parsed but unverified envelope. */
export type LicenseEnvelope = z.infer<typeof envelopeSchema>;
