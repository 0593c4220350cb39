import { fail, type Failure } from '../result';

/** 'Mon 2026-01-01 00:00 UTC'-style instants for sentences, with no locale guesswork in shared/. */
export const utcMinute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * UNTRUSTED_ISSUER: no certificate, or one whose root this installation does not trust. Names the
 * root's fingerprint (its kid) so an administrator can tell which server made the file.
 */
export const untrustedIssuer = (rootKid: string | undefined, kid?: string): Failure =>
  rootKid === undefined
    ? fail(
        'UNTRUSTED_ISSUER',
        `This license carries no certificate this installation can check${kid === undefined ? '' : ` for its key ${kid}`}. Ask your administrator for a license from your organization's license server.`,
        kid === undefined ? undefined : { kid },
      )
    : fail(
        'UNTRUSTED_ISSUER',
        `This license was certified by a root key (fingerprint ${rootKid}) this installation does not trust. Ask your administrator for a license from your organization's license server.`,
        { rootKid },
      );

/** BAD_CERTIFICATE: the certificate (or the revocation list) beside the file was changed or forged. */
export const badCertificate = (reason: string, what: 'cert' | 'list' = 'cert'): Failure =>
  fail(
    'BAD_CERTIFICATE',
    what === 'cert'
      ? `The certificate of the key that signed this license ${reason}: the file was changed or forged. Import the original file your administrator sent.`
      : `The ${reason}: the file was changed or forged. Import the original file your administrator sent.`,
  );

/** SIGNING_KEY_REVOKED: the issuer withdrew the key that signed the file. */
export const revokedKey = (entry: { kid: string; revokedAt: string; reason?: string | undefined }): Failure =>
  fail(
    'SIGNING_KEY_REVOKED',
    `The key that signed this license (${entry.kid}) was withdrawn by its issuer on ${utcMinute(entry.revokedAt)}${entry.reason === undefined ? '' : ` (${entry.reason})`}. Activate again online or ask your administrator for a new license file.`,
    { kid: entry.kid, revokedAt: entry.revokedAt },
  );

/** SIGNING_KEY_EXPIRED: the file reaches outside the dates its signing key was certified for. */
export const expiredKey = (kid: string, notBefore: string, notAfter: string): Failure =>
  fail(
    'SIGNING_KEY_EXPIRED',
    `The key that signed this license (${kid}) is certified only from ${utcMinute(notBefore)} until ${utcMinute(notAfter)}. Activate again online or ask your administrator for a new license file.`,
    { kid, notBefore, notAfter },
  );
