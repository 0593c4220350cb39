import * as z from 'zod/mini';
import { signPrefixed } from '../crypto/prefixed-signature';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../crypto/subtle-port';
import { canonicalJson, type JsonValue } from '../license-file/canonical-json';

/** Domain prefix of key certificates: a certificate signature can never pass as a license or a list. */
export const KEY_CERTIFICATE_PREFIX = 'tessera-key-certificate-v1\n';

/** Domain prefix of revocation lists. */
export const REVOCATION_LIST_PREFIX = 'tessera-revocations-v1\n';

/** Longest payload a signed object may carry; a revocation list of ~100 entries fits many times over. */
export const MAX_SIGNED_OBJECT_PAYLOAD_CHARS = 32 * 1024;

/**
 * A root-signed statement: `payload` is canonical JSON kept as a string so the signature covers its
 * exact bytes; `sig` is base64 Ed25519 over `prefix + payload`.
 */
export const signedObjectSchema = z.strictObject({
  payload: z.string().check(z.minLength(2), z.maxLength(MAX_SIGNED_OBJECT_PAYLOAD_CHARS)),
  sig: z.string().check(z.minLength(1), z.maxLength(256)),
});
/** A signed certificate or revocation list, as carried in envelopes and HTTP answers. */
export type SignedObject = z.infer<typeof signedObjectSchema>;

/** Signs a payload (validated by the caller) under a purpose prefix, in its one canonical spelling. */
export const signObject = async (
  subtle: SubtleCryptoPort,
  privateKey: CryptoKeyHandle,
  prefix: string,
  payload: JsonValue,
): Promise<SignedObject> => {
  const text = canonicalJson(payload);
  return { payload: text, sig: await signPrefixed(subtle, privateKey, prefix, text) };
};

/**
 * Parses a signed object's payload with a schema, accepting only its canonical spelling (so one
 * statement has exactly one byte form); undefined when it is not JSON, not canonical or not valid.
 */
export const parseSignedPayload = <T extends JsonValue>(
  schema: z.core.$ZodType<T>,
  object: SignedObject,
): T | undefined => {
  try {
    const parsed = z.safeParse(schema, JSON.parse(object.payload));
    return parsed.success && canonicalJson(parsed.data) === object.payload ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};
