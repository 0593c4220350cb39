import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { importSigningKey, keyIdFor } from '../../../shared/crypto/issuer-keys';
import type { LicensePayload } from '../../../shared/license-file/payload-schema';
import { signLicense } from '../../../shared/license-file/sign-license';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { createChainVerifier } from '../../../shared/trust/chain-verifier';
import { signKeyCertificate, type KeyCertificatePayload } from '../../../shared/trust/key-certificate';
import { subtle } from './license-fixture';

/** Test-only keys derived from public phrases (PKCS#8 prefix + seed), so no key is stored anywhere. */
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const pkcs8From = (phrase: string): string =>
  toBase64(new Uint8Array([...hexToBytes(PKCS8_ED25519_PREFIX), ...sha256(utf8ToBytes(phrase))]));
const PKCS8 = pkcs8From('tessera known-answer test issuer');
const PUBLIC_KEY = 'eBHE4DxdF3vkg17aFYKO2UsEy3HoEauxqhiQvsvfeYA=';
const ROOT_PKCS8 = pkcs8From('tessera known-answer test root');
const ROOT_PUBLIC_KEY = 'o4d+ZIbuMslsR4W4SQsZPS4Hs4xlW+eRiVddYFhB41w=';
const kidOf = (publicKey: string): string => keyIdFor(fromBase64(publicKey) ?? new Uint8Array());

const CERTIFICATE: KeyCertificatePayload = {
  v: 1,
  kid: kidOf(PUBLIC_KEY),
  publicKey: PUBLIC_KEY,
  issuer: 'Known Answer Vendor',
  rootKid: kidOf(ROOT_PUBLIC_KEY),
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2030-01-01T00:00:00.000Z',
};

const PAYLOAD: LicensePayload = {
  v: 1,
  licenseId: 'lic-golden',
  kind: 'offline',
  productId: 'kse',
  licenseKind: 'per-user',
  organizationId: 'org-1',
  organizationName: 'Acme QA',
  machineId: '5X9W-Q709-SGNK-P58S',
  issuedAt: '2026-01-01T00:00:00.000Z',
  notBefore: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
  features: ['recorder'],
};

/** Format version 1 with its certificate, byte for byte: changing canonicalization, armor or signing input breaks this. */
const GOLDEN_FILE = [
  '-----BEGIN TESSERA LICENSE-----',
  'eyJhbGciOiJFZDI1NTE5IiwiY2VydCI6eyJwYXlsb2FkIjoie1wiaXNzdWVyXCI6',
  'XCJLbm93biBBbnN3ZXIgVmVuZG9yXCIsXCJraWRcIjpcIjE0NGJmYjNhMmY0NzQz',
  'YzJcIixcIm5vdEFmdGVyXCI6XCIyMDMwLTAxLTAxVDAwOjAwOjAwLjAwMFpcIixc',
  'Im5vdEJlZm9yZVwiOlwiMjAyNS0wMS0wMVQwMDowMDowMC4wMDBaXCIsXCJwdWJs',
  'aWNLZXlcIjpcImVCSEU0RHhkRjN2a2cxN2FGWUtPMlVzRXkzSG9FYXV4cWhpUXZz',
  'dmZlWUE9XCIsXCJyb290S2lkXCI6XCI2MmI5NGFmYjA2ZDMzNDViXCIsXCJ2XCI6',
  'MX0iLCJzaWciOiJSM3hCcEFLYlVCdXdHYVBaNmFXZExvSDROaDJ5N2xnK1RyeWpS',
  'eXY4NGh6dEk1QXhhZnFHQ04xbks0MjlheXp2Ykkxa0dkd0NGVmpPdjhNakdnQmNC',
  'dz09In0sImtpZCI6IjE0NGJmYjNhMmY0NzQzYzIiLCJwYXlsb2FkIjoie1wiZXhw',
  'aXJlc0F0XCI6XCIyMDI3LTAxLTAxVDAwOjAwOjAwLjAwMFpcIixcImZlYXR1cmVz',
  'XCI6W1wicmVjb3JkZXJcIl0sXCJpc3N1ZWRBdFwiOlwiMjAyNi0wMS0wMVQwMDow',
  'MDowMC4wMDBaXCIsXCJraW5kXCI6XCJvZmZsaW5lXCIsXCJsaWNlbnNlSWRcIjpc',
  'ImxpYy1nb2xkZW5cIixcImxpY2Vuc2VLaW5kXCI6XCJwZXItdXNlclwiLFwibWFj',
  'aGluZUlkXCI6XCI1WDlXLVE3MDktU0dOSy1QNThTXCIsXCJub3RCZWZvcmVcIjpc',
  'IjIwMjYtMDEtMDFUMDA6MDA6MDAuMDAwWlwiLFwib3JnYW5pemF0aW9uSWRcIjpc',
  'Im9yZy0xXCIsXCJvcmdhbml6YXRpb25OYW1lXCI6XCJBY21lIFFBXCIsXCJwcm9k',
  'dWN0SWRcIjpcImtzZVwiLFwidlwiOjF9Iiwic2lnIjoiQ1d5Z2oxNFpNRXo3YU9B',
  'V08yRUh2aEVMVWhYZmRNNkxId3VBNVZHYk5VeGpWeXZ4anB2MnRONEw0YVJxSWdG',
  'ZUVHdng5N0NMNlc1WldpSktvQlJPREE9PSJ9',
  '-----END TESSERA LICENSE-----',
  '',
].join('\n');

describe('license file format v1 (known answer)', () => {
  it('R7 signs the reference payload to exactly the reference file (Ed25519 is deterministic)', async () => {
    const key = await importSigningKey(subtle, PKCS8);
    const root = await importSigningKey(subtle, ROOT_PKCS8);
    const cert = await signKeyCertificate(subtle, root, CERTIFICATE);
    expect(await signLicense(subtle, key, kidOf(PUBLIC_KEY), PAYLOAD, cert)).toBe(GOLDEN_FILE);
  });

  it('R5 verifies the reference file with its public key, bound to its machine', async () => {
    const kid = kidOf(PUBLIC_KEY);
    const root = {
      kid: kidOf(ROOT_PUBLIC_KEY),
      publicKey: ROOT_PUBLIC_KEY,
      name: 'Known Answer Vendor',
      source: 'vendor' as const,
    };
    const chain = createChainVerifier(subtle, new Map([[root.kid, root]]));
    const result = await verifyLicense(chain, GOLDEN_FILE, {
      expectedMachineId: PAYLOAD.machineId,
      expectedProductId: 'kse',
      now: Date.parse('2026-06-01T00:00:00Z'),
    });
    expect(result).toEqual({ ok: true, value: { payload: PAYLOAD, kid, root } });
  });
});
