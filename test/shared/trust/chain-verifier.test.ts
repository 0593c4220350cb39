import { describe, expect, it } from 'vitest';
import { SIGNED_TIME_PREFIX } from '../../../shared/contracts/http/issuer';
import { signPrefixed } from '../../../shared/crypto/prefixed-signature';
import type { SubtleCryptoPort } from '../../../shared/crypto/subtle-port';
import { canonicalJson } from '../../../shared/license-file/canonical-json';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { createChainVerifier } from '../../../shared/trust/chain-verifier';
import { parseTrustRoots } from '../../../shared/trust/trust-roots';
import { verifySignedTime } from '../../../shared/trust/verify-signed-time';
import { makeIssuer, makeRoot, optionsFor, samplePayload, subtle } from '../license-file/license-fixture';

/** The real port, counting Ed25519 verifications and key imports. */
const countingPort = () => {
  const counts = { verify: 0, importKey: 0 };
  const port: SubtleCryptoPort = {
    importKey: (...args) => {
      counts.importKey += 1;
      return subtle.importKey(...args);
    },
    exportKey: (...args) => subtle.exportKey(...args),
    generateKey: (...args) => subtle.generateKey(...args),
    sign: (...args) => subtle.sign(...args),
    verify: (...args) => {
      counts.verify += 1;
      return subtle.verify(...args);
    },
  };
  return { port, counts };
};

describe('createChainVerifier', () => {
  it('caches keys, certificates and lists: a repeated verify costs one Ed25519 verification', async () => {
    const issuer = await makeIssuer();
    const lease = await issuer.sign(samplePayload({ kind: 'lease' }), await issuer.root.revocations());
    const { port, counts } = countingPort();
    const chain = createChainVerifier(port, new Map([[issuer.root.kid, issuer.root.trusted]]));
    expect((await verifyLicense(chain, lease, optionsFor(issuer))).ok).toBe(true);
    expect(counts.verify).toBe(3);
    const before = { ...counts };
    for (let i = 0; i < 5; i += 1)
      expect((await verifyLicense(chain, lease, optionsFor(issuer))).ok).toBe(true);
    expect(counts.verify - before.verify).toBe(5);
    expect(counts.importKey).toBe(before.importKey);
  });

  it('never caches a refusal: a damaged certificate is refused every time', async () => {
    const issuer = await makeIssuer();
    const chain = issuer.chain;
    const bad = { ...issuer.cert, sig: issuer.cert.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    for (let i = 0; i < 2; i += 1) {
      expect(
        await chain.signingKey(bad, { kid: issuer.kid, at: Date.parse('2026-06-01T00:00:00Z') }),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_CERTIFICATE' },
      });
    }
    expect(
      await chain.signingKey(issuer.cert, { kid: issuer.kid, at: Date.parse('2026-06-01T00:00:00Z') }),
    ).toMatchObject({
      ok: true,
      value: { kid: issuer.kid, root: issuer.root.trusted },
    });
  });

  it('signingKey checks the certificate dates at the given instant', async () => {
    const issuer = await makeIssuer();
    const at = (iso: string) =>
      issuer.chain.signingKey(issuer.cert, { kid: issuer.kid, at: Date.parse(iso) });
    expect((await at('2030-12-31T00:00:00Z')).ok).toBe(true);
    expect(await at('2031-01-01T00:00:00Z')).toMatchObject({
      ok: false,
      error: { code: 'SIGNING_KEY_EXPIRED' },
    });
    expect(await at('2024-01-01T00:00:00Z')).toMatchObject({ ok: false, error: { code: 'NOT_YET_VALID' } });
  });
});

describe('parseTrustRoots', () => {
  it('reads a roots document and refuses one whose kid does not match its key', async () => {
    const root = await makeRoot('Vendor');
    const document = { v: 1, roots: [{ kid: root.kid, publicKey: root.publicKeyBase64, name: 'Vendor' }] };
    const parsed = parseTrustRoots(document, 'vendor');
    expect(parsed.ok && [...parsed.value.values()]).toEqual([root.trusted]);
    const other = await makeRoot();
    const shadow = { v: 1, roots: [{ kid: root.kid, publicKey: other.publicKeyBase64, name: 'Vendor' }] };
    expect(parseTrustRoots(shadow, 'policy')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(parseTrustRoots({ roots: [] }, 'policy')).toMatchObject({ ok: false });
  });
});

describe('verifySignedTime', () => {
  it('accepts time signed by a certified key with the sent nonce, and nothing else', async () => {
    const issuer = await makeIssuer();
    const payload = canonicalJson({ now: '2026-06-01T00:00:00.000Z', nonce: 'nonce-123456' });
    const sig = await signPrefixed(subtle, issuer.privateKey, SIGNED_TIME_PREFIX, payload);
    const answer = { kid: issuer.kid, payload, sig, cert: issuer.cert };
    expect(await verifySignedTime(issuer.chain, answer, { nonce: 'nonce-123456' })).toEqual({
      ok: true,
      value: { now: Date.parse('2026-06-01T00:00:00Z'), root: issuer.root.trusted },
    });
    expect(await verifySignedTime(issuer.chain, answer, { nonce: 'other-nonce' })).toMatchObject({
      ok: false,
    });
    const stranger = await makeIssuer();
    expect(await verifySignedTime(stranger.chain, answer, { nonce: 'nonce-123456' })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_ISSUER' },
    });
    const { cert: _cert, ...bare } = answer;
    expect(await verifySignedTime(issuer.chain, bare, { nonce: 'nonce-123456' })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_ISSUER' },
    });
  });
});
