import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { importSigningKey, keyIdFor } from '../../../shared/crypto/issuer-keys';
import type { LicensePayload } from '../../../shared/license-file/payload-schema';
import { signLicense } from '../../../shared/license-file/sign-license';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { subtle } from './license-fixture';

/** A test-only issuer derived from a public phrase (PKCS#8 prefix + seed), so no key is stored anywhere. */
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const SEED = sha256(utf8ToBytes('tessera known-answer test issuer'));
const PKCS8 = toBase64(new Uint8Array([...hexToBytes(PKCS8_ED25519_PREFIX), ...SEED]));
const PUBLIC_KEY = 'eBHE4DxdF3vkg17aFYKO2UsEy3HoEauxqhiQvsvfeYA=';

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

/** Format version 1, byte for byte: changing canonicalization, armor or signing input breaks this. */
const GOLDEN_FILE = [
  '-----BEGIN TESSERA LICENSE-----',
  'eyJhbGciOiJFZDI1NTE5Iiwia2lkIjoiMTQ0YmZiM2EyZjQ3NDNjMiIsInBheWxv',
  'YWQiOiJ7XCJleHBpcmVzQXRcIjpcIjIwMjctMDEtMDFUMDA6MDA6MDAuMDAwWlwi',
  'LFwiZmVhdHVyZXNcIjpbXCJyZWNvcmRlclwiXSxcImlzc3VlZEF0XCI6XCIyMDI2',
  'LTAxLTAxVDAwOjAwOjAwLjAwMFpcIixcImtpbmRcIjpcIm9mZmxpbmVcIixcImxp',
  'Y2Vuc2VJZFwiOlwibGljLWdvbGRlblwiLFwibGljZW5zZUtpbmRcIjpcInBlci11',
  'c2VyXCIsXCJtYWNoaW5lSWRcIjpcIjVYOVctUTcwOS1TR05LLVA1OFNcIixcIm5v',
  'dEJlZm9yZVwiOlwiMjAyNi0wMS0wMVQwMDowMDowMC4wMDBaXCIsXCJvcmdhbml6',
  'YXRpb25JZFwiOlwib3JnLTFcIixcIm9yZ2FuaXphdGlvbk5hbWVcIjpcIkFjbWUg',
  'UUFcIixcInByb2R1Y3RJZFwiOlwia3NlXCIsXCJ2XCI6MX0iLCJzaWciOiJDV3ln',
  'ajE0Wk1FejdhT0FXTzJFSHZoRUxVaFhmZE02TEh3dUE1VkdiTlV4alZ5dnhqcHYy',
  'dE40TDRhUnFJZ0ZlRUd2eDk3Q0w2VzVaV2lKS29CUk9EQT09In0=',
  '-----END TESSERA LICENSE-----',
  '',
].join('\n');

describe('license file format v1 (known answer)', () => {
  it('R7 signs the reference payload to exactly the reference file (Ed25519 is deterministic)', async () => {
    const key = await importSigningKey(subtle, PKCS8);
    expect(
      await signLicense(subtle, key, keyIdFor(fromBase64(PUBLIC_KEY) ?? new Uint8Array()), PAYLOAD),
    ).toBe(GOLDEN_FILE);
  });

  it('R5 verifies the reference file with its public key, bound to its machine', async () => {
    const kid = keyIdFor(fromBase64(PUBLIC_KEY) ?? new Uint8Array());
    const result = await verifyLicense(subtle, GOLDEN_FILE, {
      trustedKeys: new Map([[kid, PUBLIC_KEY]]),
      expectedMachineId: PAYLOAD.machineId,
      expectedProductId: 'kse',
      now: Date.parse('2026-06-01T00:00:00Z'),
    });
    expect(result).toEqual({ ok: true, value: { payload: PAYLOAD, kid } });
  });
});
