import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { importVerifyKey, keyIdFor } from '../../../shared/crypto/issuer-keys';
import { parseLicenseUnverified } from '../../../shared/license-file/parse-unverified';
import { makeIssuer, samplePayload, subtle } from './license-fixture';

describe('issuer keys', () => {
  it('names a key by the first 16 hex digits of sha256 of its raw public key', async () => {
    const issuer = await makeIssuer();
    const raw = fromBase64(issuer.publicKeyBase64);
    expect(raw).toHaveLength(32);
    expect(issuer.kid).toBe(bytesToHex(sha256(raw ?? new Uint8Array())).slice(0, 16));
    expect(keyIdFor(raw ?? new Uint8Array())).toBe(issuer.kid);
  });

  it('makes a different key every time', async () => {
    const [a, b] = await Promise.all([makeIssuer(), makeIssuer()]);
    expect(a.kid).not.toBe(b.kid);
    expect(a.privateKeyPkcs8Base64).not.toBe(b.privateKeyPkcs8Base64);
  });

  it('refuses trusted-key entries that are not 32-byte Ed25519 keys', async () => {
    expect(await importVerifyKey(subtle, 'not base64!')).toBeUndefined();
    expect(await importVerifyKey(subtle, toBase64(new Uint8Array(31)))).toBeUndefined();
    expect(await importVerifyKey(subtle, (await makeIssuer()).publicKeyBase64)).toBeDefined();
  });
});

describe('parseLicenseUnverified', () => {
  it('shows what a file claims, marked unverified, without any key', async () => {
    const file = await (await makeIssuer()).sign(samplePayload());
    const result = parseLicenseUnverified(file);
    expect(result).toMatchObject({
      ok: true,
      value: { verified: false, alg: 'Ed25519', payload: samplePayload() },
    });
  });

  it('reports a damaged file as MALFORMED and a huge one as FILE_TOO_LARGE', () => {
    expect(parseLicenseUnverified('garbage')).toMatchObject({ ok: false, error: { code: 'MALFORMED' } });
    expect(parseLicenseUnverified('x'.repeat(70_000))).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE' },
    });
  });
});
