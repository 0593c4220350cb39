import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIssuerKey, importSigningKey, type IssuerKeyMaterial } from '../../shared/crypto/issuer-keys';
import { signLicense } from '../../shared/license-file/sign-license';
import type { LicensePayload } from '../../shared/license-file/payload-schema';
import { signKeyCertificate } from '../../shared/trust/key-certificate';
import type { SignedObject } from '../../shared/trust/signed-object';

const subtle = globalThis.crypto.subtle;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** A real Ed25519 issuer for tests: a root that certifies one signing key, signing files as the server does. */
export interface TestIssuer {
  /** The signing key (certified by `root`). */
  key: IssuerKeyMaterial;
  /** The root key; only its public half is ever trusted. */
  root: IssuerKeyMaterial;
  /** The signing key's certificate, signed by the root. */
  cert: SignedObject;
  /** Signs a file; `crl` adds a revocation list as leases carry it. */
  sign(overrides: Partial<LicensePayload> & { machineId: string }, crl?: SignedObject): Promise<string>;
  /** The trust roots document naming this issuer's root. */
  rootsDocument(): { v: 1; roots: { kid: string; publicKey: string; name: string }[] };
  /** Writes that document into `dir` and returns its path (for the test build's TESSERA_TEST_TRUST_ROOTS). */
  writeRootsFile(dir: string): Promise<string>;
}

/** Creates an issuer with a fresh signing key certified by a fresh root (or by `root`, to share one). */
export const createTestIssuer = async (
  name = 'Test vendor',
  sharedRoot?: IssuerKeyMaterial,
): Promise<TestIssuer> => {
  const root = sharedRoot ?? (await createIssuerKey(subtle));
  const key = await createIssuerKey(subtle);
  const rootPrivate = await importSigningKey(subtle, root.privateKeyPkcs8Base64);
  const privateKey = await importSigningKey(subtle, key.privateKeyPkcs8Base64);
  const now = Date.now();
  const cert = await signKeyCertificate(subtle, rootPrivate, {
    v: 1,
    kid: key.kid,
    publicKey: key.publicKeyBase64,
    issuer: name,
    rootKid: root.kid,
    notBefore: new Date(now - YEAR).toISOString(),
    notAfter: new Date(now + 80 * YEAR).toISOString(),
  });
  const rootsDocument = () => ({
    v: 1 as const,
    roots: [{ kid: root.kid, publicKey: root.publicKeyBase64, name }],
  });
  return {
    key,
    root,
    cert,
    sign: (overrides, crl) => {
      const at = Date.now();
      const payload: LicensePayload = {
        v: 1,
        licenseId: 'lic-0001',
        kind: 'offline',
        productId: 'kse',
        licenseKind: 'per-user',
        organizationId: '5f0c6a52-8d5b-4bb6-9d38-2b3c1d9e0a11',
        organizationName: 'Acme QA',
        issuedAt: new Date(at - DAY).toISOString(),
        notBefore: new Date(at - DAY).toISOString(),
        expiresAt: new Date(at + 30 * DAY).toISOString(),
        features: [],
        ...overrides,
      };
      return signLicense(subtle, privateKey, key.kid, payload, cert, crl);
    },
    rootsDocument,
    writeRootsFile: async (dir) => {
      const path = join(dir, `trust-roots-${root.kid}.json`);
      await writeFile(path, JSON.stringify(rootsDocument()));
      return path;
    },
  };
};

/** Milliseconds per day, for readable test dates. */
export const DAY_MS = DAY;
