import { z } from 'zod';
import { signedObjectSchema } from '../../trust/signed-object';
import { IsoInstant } from './common';

/**
 * GET /v1/issuer-keys: the signing keys with their root-signed certificates. Informational: agents trust
 * a key only through a certificate that chains to a root they ship, never because this list names it.
 */
export const IssuerKeysResponse = z.object({
  keys: z.array(
    z.object({
      kid: z.string(),
      alg: z.literal('Ed25519'),
      publicKey: z.string(),
      active: z.boolean(),
      createdAt: IsoInstant,
      /** The key certificate (signed object, prefix 'tessera-key-certificate-v1'). */
      certificate: signedObjectSchema,
      notBefore: IsoInstant,
      notAfter: IsoInstant,
      revoked: z.boolean(),
    }),
  ),
});
/** The issuer key list. */
export type IssuerKeysResponse = z.infer<typeof IssuerKeysResponse>;

/** GET /v1/time?nonce=: the client's nonce is echoed inside the signed payload to defeat replay. */
export const TimeQuery = z.object({ nonce: z.string().min(8).max(128).optional() });

/** Domain prefix of the signed time payload, and the payload's JSON: beside the trust checks that use them. */
export { SIGNED_TIME_PREFIX, SignedTimePayload } from '../../trust/signed-time-payload';

/** Signed server time: Ed25519 over SIGNED_TIME_PREFIX + payload (canonical JSON `{nonce?, now}`). */
export const SignedTimeResponse = z.object({
  now: IsoInstant,
  payload: z.string(),
  alg: z.literal('Ed25519'),
  kid: z.string(),
  sig: z.string(),
  /** Certificate of the signing key, so the agent checks the time against its roots. */
  cert: signedObjectSchema,
});
/** A signed server time. */
export type SignedTimeResponse = z.infer<typeof SignedTimeResponse>;

/** GET /v1/trust/revocations: the issuer's latest root-signed revocation list (public, unauthenticated). */
export const RevocationsResponse = z.object({
  rootKid: z.string(),
  serial: z.number().int().min(1),
  /** The signed list (prefix 'tessera-revocations-v1'); `rootKid` and `serial` beside it are unsigned copies. */
  crl: signedObjectSchema,
});
/** The revocation list answer. */
export type RevocationsResponse = z.infer<typeof RevocationsResponse>;
