import { z } from 'zod';
import { IsoInstant } from './common';

/** GET /v1/issuer-keys: the public keys (kid → raw Ed25519, base64) agents pin to trust files. */
export const IssuerKeysResponse = z.object({
  keys: z.array(
    z.object({
      kid: z.string(),
      alg: z.literal('Ed25519'),
      publicKey: z.string(),
      active: z.boolean(),
      createdAt: IsoInstant,
    }),
  ),
});
/** The issuer key list. */
export type IssuerKeysResponse = z.infer<typeof IssuerKeysResponse>;

/** GET /v1/time?nonce=: the client's nonce is echoed inside the signed payload to defeat replay. */
export const TimeQuery = z.object({ nonce: z.string().min(8).max(128).optional() });

/** Domain prefix of the signed time payload; distinct from license files so one can't pass as the other. */
export const SIGNED_TIME_PREFIX = 'tessera-time-v1\n';

/** Signed server time: Ed25519 over SIGNED_TIME_PREFIX + payload (canonical JSON `{nonce?, now}`). */
export const SignedTimeResponse = z.object({
  now: IsoInstant,
  payload: z.string(),
  alg: z.literal('Ed25519'),
  kid: z.string(),
  sig: z.string(),
});
/** A signed server time. */
export type SignedTimeResponse = z.infer<typeof SignedTimeResponse>;

/** The JSON inside SignedTimeResponse.payload. */
export const SignedTimePayload = z.object({ now: IsoInstant, nonce: z.string().optional() });
