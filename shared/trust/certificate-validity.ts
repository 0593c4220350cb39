import { DEFAULT_NOT_BEFORE_SKEW_MS } from '../license-file/check-time-window';
import { fail, ok, type Result } from '../result';
import type { KeyCertificatePayload } from './key-certificate';
import { expiredKey, utcMinute } from './trust-refusals';

/** A file's own validity (epoch ms), which must lie inside its signing key's certificate. */
export interface ValidityWindow {
  readonly notBefore: number;
  readonly expiresAt: number;
}

/**
 * The certificate's dates: the file's [notBefore, expiresAt] lies inside [cert.notBefore, cert.notAfter]
 * and `at` (the later of now and the last trusted time) is before cert.notAfter; without a window
 * (signed time), `at` must also not be before cert.notBefore (with the usual small skew).
 */
export const checkCertificateValidity = (
  certificate: KeyCertificatePayload,
  at: number,
  window?: ValidityWindow,
): Result<void> => {
  const notBefore = Date.parse(certificate.notBefore);
  const notAfter = Date.parse(certificate.notAfter);
  const outside = window !== undefined && (window.notBefore < notBefore || window.expiresAt > notAfter);
  if (outside || at >= notAfter)
    return expiredKey(certificate.kid, certificate.notBefore, certificate.notAfter);
  if (window === undefined && at < notBefore - DEFAULT_NOT_BEFORE_SKEW_MS) {
    return fail(
      'NOT_YET_VALID',
      `The key that signed this answer (${certificate.kid}) is certified only from ${utcMinute(certificate.notBefore)}. Check this computer's date.`,
    );
  }
  return ok(undefined);
};
