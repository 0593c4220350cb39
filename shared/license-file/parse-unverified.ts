import { fail, ok, type Result } from '../result';
import { dearmorEnvelope } from './armor';
import { licensePayloadSchema, type LicensePayload } from './payload-schema';

/** What a file claims, explicitly unverified: for previews and support, never for granting access. */
export interface UnverifiedLicense {
  readonly verified: false;
  readonly alg: string;
  readonly kid: string;
  /** The payload JSON as found; anything in it may be forged. */
  readonly claims: unknown;
  /** The claims typed, when they fit the payload schema; still unverified. */
  readonly payload: LicensePayload | undefined;
}

/** Reads a license file without checking its signature, so the UI can show what it says before import. */
export const parseLicenseUnverified = (text: string): Result<UnverifiedLicense> => {
  const envelope = dearmorEnvelope(text);
  if (!envelope.ok) return envelope;
  const { alg, kid, payload } = envelope.value;
  try {
    const claims: unknown = JSON.parse(payload);
    const typed = licensePayloadSchema.safeParse(claims);
    return ok({ verified: false, alg, kid, claims, payload: typed.success ? typed.data : undefined });
  } catch {
    return fail(
      'MALFORMED',
      'This license file is damaged: its contents cannot be read. Ask your administrator for a new copy.',
    );
  }
};
