import {
  createIssuerKey,
  importSigningKey,
  type IssuerKeyMaterial,
} from '../../../shared/crypto/issuer-keys';
import type { SubtleCryptoPort } from '../../../shared/crypto/subtle-port';
import type { LicensePayload } from '../../../shared/license-file/payload-schema';
import { signLicense } from '../../../shared/license-file/sign-license';
import type { VerifyOptions } from '../../../shared/license-file/verify-license';
import { formatMachineId } from '../../../shared/machine-id/machine-id-format';
import { checkCharacter } from '../../../shared/machine-id/check-character';

/** Node's real WebCrypto, passed through the port exactly as the agent and server do. */
export const subtle: SubtleCryptoPort = globalThis.crypto.subtle;

/** A valid machine ID built from any 15-symbol body. */
export const machineIdFrom = (body: string): string => formatMachineId(body + checkCharacter(body));

/** The machine the sample license is bound to, and another one. */
export const THIS_MACHINE = machineIdFrom('7K2MQX9D4TRWB8N');
export const OTHER_MACHINE = machineIdFrom('ZZ00ABCDEFGHJKM');

/** Sample instants: the file is valid through 2026. */
export const ISSUED = Date.parse('2026-01-01T00:00:00Z');
export const MID_YEAR = Date.parse('2026-06-01T00:00:00Z');
export const EXPIRES = Date.parse('2027-01-01T00:00:00Z');

/** A complete, valid offline KSE payload; tests override one field at a time. */
export const samplePayload = (overrides: Partial<LicensePayload> = {}): LicensePayload => ({
  v: 1,
  licenseId: 'lic-0001',
  kind: 'offline',
  productId: 'kse',
  licenseKind: 'per-user',
  organizationId: 'org-1',
  organizationName: 'Acme QA',
  userId: 'user-1',
  machineId: THIS_MACHINE,
  issuedAt: new Date(ISSUED).toISOString(),
  notBefore: new Date(ISSUED).toISOString(),
  expiresAt: new Date(EXPIRES).toISOString(),
  features: ['recorder', 'self-healing'],
  ...overrides,
});

/** An issuer with its key loaded for signing. */
export interface TestIssuer extends IssuerKeyMaterial {
  sign(payload: LicensePayload): Promise<string>;
}

/** Makes a fresh issuer key through the port, as the server's key store does. */
export const makeIssuer = async (): Promise<TestIssuer> => {
  const material = await createIssuerKey(subtle);
  const key = await importSigningKey(subtle, material.privateKeyPkcs8Base64);
  return { ...material, sign: (payload) => signLicense(subtle, key, material.kid, payload) };
};

/** Options trusting just this issuer, on this machine, for KSE, in mid-2026. */
export const optionsFor = (
  issuer: IssuerKeyMaterial,
  overrides: Partial<VerifyOptions> = {},
): VerifyOptions => ({
  trustedKeys: new Map([[issuer.kid, issuer.publicKeyBase64]]),
  expectedMachineId: THIS_MACHINE,
  expectedProductId: 'kse',
  now: MID_YEAR,
  ...overrides,
});
