import {
  createIssuerKey,
  importSigningKey,
  type IssuerKeyMaterial,
} from '../../../shared/crypto/issuer-keys';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../../../shared/crypto/subtle-port';
import type { LicensePayload } from '../../../shared/license-file/payload-schema';
import { signLicense } from '../../../shared/license-file/sign-license';
import type { VerifyOptions } from '../../../shared/license-file/verify-license';
import { formatMachineId } from '../../../shared/machine-id/machine-id-format';
import { checkCharacter } from '../../../shared/machine-id/check-character';
import { createChainVerifier, type ChainVerifier } from '../../../shared/trust/chain-verifier';
import { signKeyCertificate, type KeyCertificatePayload } from '../../../shared/trust/key-certificate';
import { signRevocationList, type RevocationListPayload } from '../../../shared/trust/revocation-list';
import type { SignedObject } from '../../../shared/trust/signed-object';
import type { TrustedRoot } from '../../../shared/trust/trust-roots';

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

/** Default certificate dates of a test signing key: they cover the sample file with room either side. */
export const CERT_NOT_BEFORE = '2025-01-01T00:00:00.000Z';
export const CERT_NOT_AFTER = '2031-01-01T00:00:00.000Z';

/** A root key (as an operator holds it) that certifies signing keys and signs revocation lists. */
export interface TestRoot extends IssuerKeyMaterial {
  readonly privateKey: CryptoKeyHandle;
  readonly trusted: TrustedRoot;
  certify(key: IssuerKeyMaterial, overrides?: Partial<KeyCertificatePayload>): Promise<SignedObject>;
  revocations(overrides?: Partial<RevocationListPayload>): Promise<SignedObject>;
}

/** Makes a fresh root through the port, as the server's root store does. */
export const makeRoot = async (name = 'Test Vendor'): Promise<TestRoot> => {
  const material = await createIssuerKey(subtle);
  const privateKey = await importSigningKey(subtle, material.privateKeyPkcs8Base64);
  const trusted: TrustedRoot = {
    kid: material.kid,
    publicKey: material.publicKeyBase64,
    name,
    source: 'vendor',
  };
  return {
    ...material,
    privateKey,
    trusted,
    certify: (key, overrides = {}) =>
      signKeyCertificate(subtle, privateKey, {
        v: 1,
        kid: key.kid,
        publicKey: key.publicKeyBase64,
        issuer: name,
        rootKid: material.kid,
        notBefore: CERT_NOT_BEFORE,
        notAfter: CERT_NOT_AFTER,
        ...overrides,
      }),
    revocations: (overrides = {}) =>
      signRevocationList(subtle, privateKey, {
        v: 1,
        rootKid: material.kid,
        serial: 1,
        issuedAt: new Date(ISSUED).toISOString(),
        revoked: [],
        ...overrides,
      }),
  };
};

/** A chain verifier trusting exactly these roots. */
export const chainFor = (...roots: readonly TestRoot[]): ChainVerifier =>
  createChainVerifier(subtle, new Map(roots.map((root) => [root.kid, root.trusted])));

/** An issuer with its key loaded for signing, certified by its root, and a chain trusting that root. */
export interface TestIssuer extends IssuerKeyMaterial {
  readonly root: TestRoot;
  readonly cert: SignedObject;
  readonly chain: ChainVerifier;
  readonly privateKey: CryptoKeyHandle;
  sign(payload: LicensePayload, crl?: SignedObject): Promise<string>;
}

/** Makes a fresh signing key certified by `root` (a fresh root unless given), as the server's key store does. */
export const makeIssuer = async (
  options: { root?: TestRoot; cert?: Partial<KeyCertificatePayload> } = {},
): Promise<TestIssuer> => {
  const root = options.root ?? (await makeRoot());
  const material = await createIssuerKey(subtle);
  const privateKey = await importSigningKey(subtle, material.privateKeyPkcs8Base64);
  const cert = await root.certify(material, options.cert);
  return {
    ...material,
    root,
    cert,
    chain: chainFor(root),
    privateKey,
    sign: (payload, crl) => signLicense(subtle, privateKey, material.kid, payload, cert, crl),
  };
};

/** Options for this machine, for KSE, in mid-2026 (the roots come from the issuer's chain). */
export const optionsFor = (
  _issuer: IssuerKeyMaterial,
  overrides: Partial<VerifyOptions> = {},
): VerifyOptions => ({
  expectedMachineId: THIS_MACHINE,
  expectedProductId: 'kse',
  now: MID_YEAR,
  ...overrides,
});
