import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { importSigningKey, importVerifyKey, keyIdFor } from '../../../shared/crypto/issuer-keys';
import { signPrefixed, verifyPrefixed } from '../../../shared/crypto/prefixed-signature';
import { SIGNED_TIME_PREFIX } from '../../../shared/contracts/http/issuer';
import {
  checkClockRollback,
  DEFAULT_ROLLBACK_TOLERANCE_MS,
} from '../../../shared/license-file/check-time-window';
import { LICENSE_SIGNING_PREFIX } from '../../../shared/license-file/envelope';
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

describe('prefixed signatures', () => {
  it('verifies only under the same domain prefix, so a license signature never passes as signed time', async () => {
    const issuer = await makeIssuer();
    const key = await importSigningKey(subtle, issuer.privateKeyPkcs8Base64);
    const trusted = new Map([[issuer.kid, issuer.publicKeyBase64]]);
    const sig = await signPrefixed(subtle, key, LICENSE_SIGNING_PREFIX, '{"now":"x"}');
    expect(
      await verifyPrefixed(subtle, trusted, issuer.kid, LICENSE_SIGNING_PREFIX, '{"now":"x"}', sig),
    ).toBe('valid');
    expect(await verifyPrefixed(subtle, trusted, issuer.kid, SIGNED_TIME_PREFIX, '{"now":"x"}', sig)).toBe(
      'invalid',
    );
    expect(
      await verifyPrefixed(subtle, trusted, issuer.kid, LICENSE_SIGNING_PREFIX, '{"now":"y"}', sig),
    ).toBe('invalid');
    expect(
      await verifyPrefixed(subtle, trusted, issuer.kid, LICENSE_SIGNING_PREFIX, '{"now":"x"}', '%%'),
    ).toBe('invalid');
    expect(
      await verifyPrefixed(subtle, new Map(), issuer.kid, LICENSE_SIGNING_PREFIX, '{"now":"x"}', sig),
    ).toBe('untrusted-key');
  });
});

describe('checkClockRollback', () => {
  it('R7 refuses a clock more than the tolerance behind the last trusted time and allows drift within it', () => {
    const trusted = Date.parse('2026-07-01T00:00:00Z');
    expect(checkClockRollback(trusted - DEFAULT_ROLLBACK_TOLERANCE_MS + 1, trusted).ok).toBe(true);
    expect(checkClockRollback(trusted - DEFAULT_ROLLBACK_TOLERANCE_MS - 1, trusted)).toMatchObject({
      ok: false,
      error: { code: 'CLOCK_ROLLED_BACK' },
    });
    expect(checkClockRollback(0, undefined).ok).toBe(true);
    expect(checkClockRollback(trusted - 10, trusted, 5).ok).toBe(false);
  });
});
