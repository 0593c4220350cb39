import type { Kysely } from 'kysely';
import { signKeyCertificate } from '../../shared/trust/key-certificate';
import type { SignedObject } from '../../shared/trust/signed-object';
import type { Database } from '../db/schema';
import { audit } from '../repositories/audit';
import { nodeSubtle } from './node-subtle';
import { rootPrivateKey, type RootKeyRow } from './root-key';

/**
 * How long a signing key's certificate lasts: 5 years from the key's creation. No file outlives its
 * key's certificate (sign-file.ts refuses), and the server rotates at start once a year is left.
 */
export const SIGNING_KEY_VALIDITY_YEARS = 5;

/** The end of a certificate that starts at `notBefore` (same UTC day and time, 5 years on). */
export const certificateEnd = (notBefore: Date): Date => {
  const end = new Date(notBefore.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + SIGNING_KEY_VALIDITY_YEARS);
  return end;
};

/** A signed object as stored in two text columns. */
export const storedCertificate = (payload: string | null, sig: string | null): SignedObject | undefined =>
  payload === null || sig === null ? undefined : { payload, sig };

/**
 * Certifies a stored signing key with the root (notBefore = the key's creation, so files it signed
 * before certificates existed stay inside the certificate) and stores the certificate, audited.
 */
export async function certifySigningKey(
  db: Kysely<Database>,
  masterKey: Buffer,
  root: RootKeyRow,
  key: { readonly kid: string; readonly public_key: string; readonly created_at: Date },
): Promise<SignedObject> {
  const notBefore = new Date(Math.floor(key.created_at.getTime()));
  const notAfter = certificateEnd(notBefore);
  const cert = await signKeyCertificate(nodeSubtle, await rootPrivateKey(masterKey, root), {
    v: 1,
    kid: key.kid,
    publicKey: key.public_key,
    issuer: root.name,
    rootKid: root.kid,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  });
  await db
    .updateTable('signing_keys')
    .set({ cert_payload: cert.payload, cert_sig: cert.sig, not_before: notBefore, not_after: notAfter })
    .where('kid', '=', key.kid)
    .execute();
  await audit(db, {
    action: 'trust.key_certified',
    details: {
      kid: key.kid,
      rootKid: root.kid,
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
    },
  });
  return cert;
}
