import { z } from 'zod';
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
  alg: z.string().max(32),
  kid: z.string().min(1).max(64),
  payload: z.string().min(2),
  sig: z.string().min(1).max(256),
  cert: signedObjectSchema.optional(),
  crl: signedObjectSchema.optional(),
});
/** A parsed but unverified envelope. */
export type LicenseEnvelope = z.infer<typeof envelopeSchema>;
