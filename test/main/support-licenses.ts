import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIssuerKey, importSigningKey, type IssuerKeyMaterial } from '../../shared/crypto/issuer-keys';
import { signLicense } from '../../shared/license-file/sign-license';
import type { LicensePayload } from '../../shared/license-file/payload-schema';
import { signKeyCertificate } from '../../shared/trust/key-certificate';

const subtle = globalThis.crypto.subtle;
const DAY = 86_400_000;

/** A real Ed25519 issuer for tests: signs license files the way the server does. */
export interface TestIssuer {
  key: IssuerKeyMaterial;
  sign(overrides: Partial<LicensePayload> & { machineId: string }): Promise<string>;
  /** Writes a trusted-issuers.json that ships this key (air-gapped trust path). */
  writeTrustFile(dir: string): Promise<string>;
}

/** Creates an issuer with a fresh key pair. */
export const createTestIssuer = async (): Promise<TestIssuer> => {
  const key = await createIssuerKey(subtle);
  const privateKey = await importSigningKey(subtle, key.privateKeyPkcs8Base64);
  // trust-agent replaces this: a throwaway root certifies the key so files carry a certificate.
  const root = await createIssuerKey(subtle);
  const cert = await signKeyCertificate(subtle, await importSigningKey(subtle, root.privateKeyPkcs8Base64), {
    v: 1,
    kid: key.kid,
    publicKey: key.publicKeyBase64,
    issuer: 'Test issuer',
    rootKid: root.kid,
    notBefore: '2000-01-01T00:00:00.000Z',
    notAfter: '2999-01-01T00:00:00.000Z',
  });
  return {
    key,
    sign: (overrides) => {
      const now = Date.now();
      const payload: LicensePayload = {
        v: 1,
        licenseId: 'lic-0001',
        kind: 'offline',
        productId: 'kse',
        licenseKind: 'per-user',
        organizationId: '5f0c6a52-8d5b-4bb6-9d38-2b3c1d9e0a11',
        organizationName: 'Acme QA',
        issuedAt: new Date(now - DAY).toISOString(),
        notBefore: new Date(now - DAY).toISOString(),
        expiresAt: new Date(now + 30 * DAY).toISOString(),
        features: [],
        ...overrides,
      };
      return signLicense(subtle, privateKey, key.kid, payload, cert);
    },
    writeTrustFile: async (dir) => {
      const path = join(dir, 'trusted-issuers.json');
      await writeFile(path, JSON.stringify({ keys: [{ kid: key.kid, publicKey: key.publicKeyBase64 }] }));
      return path;
    },
  };
};

/** Milliseconds per day, for readable test dates. */
export const DAY_MS = DAY;
