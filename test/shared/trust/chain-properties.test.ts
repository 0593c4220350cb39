import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { armorEnvelope, dearmorEnvelope } from '../../../shared/license-file/armor';
import { verifyLicense, type VerifyOptions } from '../../../shared/license-file/verify-license';
import type { ChainVerifier } from '../../../shared/trust/chain-verifier';
import type { SignedObject } from '../../../shared/trust/signed-object';
import {
  chainFor,
  makeIssuer,
  makeRoot,
  MID_YEAR,
  optionsFor,
  samplePayload,
  type TestIssuer,
  type TestRoot,
} from '../license-file/license-fixture';

let issuer: TestIssuer;
let file: string;

beforeAll(async () => {
  issuer = await makeIssuer();
  file = await issuer.sign(samplePayload());
});

const codeOf = async (chain: ChainVerifier, text: string, overrides: Partial<VerifyOptions> = {}) => {
  const result = await verifyLicense(chain, text, optionsFor(issuer, overrides));
  return result.ok ? 'OK' : result.error.code;
};

/** The sample file with its certificate (or list) replaced, re-armored cleanly so only that part differs. */
const withEnvelope = (text: string, change: { cert?: SignedObject; crl?: SignedObject; kid?: string }) => {
  const envelope = dearmorEnvelope(text);
  if (!envelope.ok) throw new Error('fixture');
  return armorEnvelope({ ...envelope.value, ...change });
};

const replaceAt = (text: string, index: number, char: string): string =>
  text.slice(0, index) + char + text.slice(index + 1);

describe('trust chain properties', () => {
  it('the untouched sample verifies through its root (so every refusal below is caused by the change)', async () => {
    expect(await codeOf(issuer.chain, file)).toBe('OK');
  });

  it('refuses any change to any character of the certificate payload or signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('payload' as const, 'sig' as const),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (part, position, code) => {
          const original = issuer.cert[part];
          const index = position % original.length;
          fc.pre(original.charCodeAt(index) !== code);
          const cert = { ...issuer.cert, [part]: replaceAt(original, index, String.fromCharCode(code)) };
          expect(['BAD_CERTIFICATE', 'UNTRUSTED_ISSUER']).toContain(
            await codeOf(issuer.chain, withEnvelope(file, { cert })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a chain that does not end at a trusted root with UNTRUSTED_ISSUER naming the root fingerprint', async () => {
    const others = await Promise.all([makeRoot('Other A'), makeRoot('Other B'), makeRoot('Other C')]);
    await fc.assert(
      fc.asyncProperty(fc.subarray(others), async (trusted) => {
        const result = await verifyLicense(chainFor(...trusted), file, optionsFor(issuer));
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'UNTRUSTED_ISSUER', details: { rootKid: issuer.root.kid } },
        });
        if (!result.ok) expect(result.error.message).toContain(issuer.root.kid);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a certificate whose kid is not the digest of its key (BAD_CERTIFICATE)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9a-f]{16}$/), async (kid) => {
        fc.pre(kid !== issuer.kid);
        const cert = await issuer.root.certify(issuer, { kid });
        expect(await codeOf(issuer.chain, withEnvelope(file, { cert, kid }))).toBe('BAD_CERTIFICATE');
      }),
      { numRuns: 30 },
    );
  });

  it('refuses key-id shadowing: a certificate naming a trusted key id with another key', async () => {
    const attacker = await makeIssuer({ root: issuer.root });
    const shadowing = await issuer.root.certify(attacker, { kid: issuer.kid });
    const forged = withEnvelope(
      await attacker.sign(samplePayload({ machineId: samplePayload().machineId })),
      {
        cert: shadowing,
        kid: issuer.kid,
      },
    );
    expect(await codeOf(issuer.chain, forged)).toBe('BAD_CERTIFICATE');
    const foreign = await makeRoot('Attacker');
    const foreignCert = await foreign.certify(attacker, { kid: issuer.kid, rootKid: issuer.root.kid });
    expect(await codeOf(issuer.chain, withEnvelope(forged, { cert: foreignCert }))).toBe('BAD_CERTIFICATE');
    expect(await codeOf(issuer.chain, file)).toBe('OK');
  });

  it('refuses a root listed under a kid that is not its key (a roots document cannot shadow a root)', async () => {
    const impostor = await makeRoot('Impostor');
    const shadowed = new Map([[issuer.root.kid, { ...impostor.trusted, kid: issuer.root.kid }]]);
    const { createChainVerifier } = await import('../../../shared/trust/chain-verifier');
    const chain = createChainVerifier(globalThis.crypto.subtle, shadowed);
    expect(await codeOf(chain, file)).toBe('UNTRUSTED_ISSUER');
  });

  it('refuses a file whose signing key certificate has ended or does not cover the file (SIGNING_KEY_EXPIRED)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 1, max: 2000 }),
        async (startDays, lengthDays) => {
          const day = 86_400_000;
          const notBefore = Date.parse('2026-01-01T00:00:00Z') + startDays * day;
          const notAfter = notBefore + lengthDays * day;
          const cert = await issuer.root.certify(issuer, {
            notBefore: new Date(notBefore).toISOString(),
            notAfter: new Date(notAfter).toISOString(),
          });
          const { notBefore: fileStart, expiresAt } = samplePayload();
          const covers =
            notBefore <= Date.parse(fileStart) && Date.parse(expiresAt) <= notAfter && MID_YEAR < notAfter;
          const code = await codeOf(issuer.chain, withEnvelope(file, { cert }));
          expect(code).toBe(covers ? 'OK' : 'SIGNING_KEY_EXPIRED');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('judges the certificate end at the later of now and the last trusted time', async () => {
    const cert = await issuer.root.certify(issuer, { notAfter: '2027-01-01T00:00:00.000Z' });
    const text = withEnvelope(file, { cert });
    const end = Date.parse('2027-01-01T00:00:00Z');
    expect(await codeOf(issuer.chain, text, { now: end - 60_000 })).toBe('OK');
    expect(await codeOf(issuer.chain, text, { now: end - 60_000, lastTrustedTime: end + 1 })).toBe(
      'SIGNING_KEY_EXPIRED',
    );
  });

  it('refuses a revoked signing key, from a kept list or from the list a file carries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.integer({ min: 1, max: 1000 }), async (carried, serial) => {
        const crl = await issuer.root.revocations({
          serial,
          revoked: [{ kid: issuer.kid, revokedAt: '2026-03-01T00:00:00.000Z', reason: 'key compromise' }],
        });
        const verified = await issuer.chain.verifyRevocationList(crl);
        if (!verified.ok) throw new Error('fixture');
        const text = carried ? withEnvelope(file, { crl }) : file;
        const revocations = carried ? undefined : new Map([[issuer.root.kid, verified.value]]);
        const result = await verifyLicense(issuer.chain, text, optionsFor(issuer, { revocations }));
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'SIGNING_KEY_REVOKED', details: { kid: issuer.kid } },
        });
      }),
      { numRuns: 10 },
    );
  });

  it('a newer kept list outranks an older carried one, and a list of another root is refused', async () => {
    const older = await issuer.root.revocations({ serial: 1 });
    const newer = await issuer.root.revocations({
      serial: 2,
      revoked: [{ kid: issuer.kid, revokedAt: '2026-03-01T00:00:00.000Z' }],
    });
    const kept = await issuer.chain.verifyRevocationList(newer);
    if (!kept.ok) throw new Error('fixture');
    const revocations = new Map([[issuer.root.kid, kept.value]]);
    expect(await codeOf(issuer.chain, withEnvelope(file, { crl: older }), { revocations })).toBe(
      'SIGNING_KEY_REVOKED',
    );
    const other: TestRoot = await makeRoot('Other');
    const chain = chainFor(issuer.root, other);
    expect(await codeOf(chain, withEnvelope(file, { crl: await other.revocations() }))).toBe(
      'BAD_CERTIFICATE',
    );
    const result = await verifyLicense(issuer.chain, withEnvelope(file, { crl: older }), optionsFor(issuer));
    expect(result).toMatchObject({ ok: true, value: { crl: { serial: 1, revoked: [] } } });
  });

  it('checks the chain in the documented order: certificate before revocation before signature before time', async () => {
    const revoked = await issuer.root.revocations({
      revoked: [{ kid: issuer.kid, revokedAt: '2026-03-01T00:00:00.000Z' }],
    });
    const envelope = dearmorEnvelope(file);
    if (!envelope.ok) throw new Error('fixture');
    const badSig = armorEnvelope({
      ...envelope.value,
      crl: revoked,
      sig: envelope.value.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect(await codeOf(issuer.chain, badSig)).toBe('SIGNING_KEY_REVOKED');
    const badCert = { ...issuer.cert, sig: issuer.cert.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    expect(await codeOf(issuer.chain, withEnvelope(badSig, { cert: badCert }))).toBe('BAD_CERTIFICATE');
    expect(await codeOf(issuer.chain, file, { now: Date.parse('2032-01-01T00:00:00Z') })).toBe(
      'SIGNING_KEY_EXPIRED',
    );
  });
});
