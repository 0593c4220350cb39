import { beforeAll, describe, expect, it } from 'vitest';
import { signPrefixed } from '../../../shared/crypto/prefixed-signature';
import { armorEnvelope } from '../../../shared/license-file/armor';
import { canonicalJson } from '../../../shared/license-file/canonical-json';
import { LICENSE_SIGNING_PREFIX } from '../../../shared/license-file/envelope';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { makeIssuer, optionsFor, samplePayload, subtle, type TestIssuer } from './license-fixture';

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await makeIssuer();
});

const signCanonical = async (payload: object): Promise<string> => {
  const text = canonicalJson(payload as Parameters<typeof canonicalJson>[0]);
  const sig = await signPrefixed(subtle, issuer.privateKey, LICENSE_SIGNING_PREFIX, text);
  return armorEnvelope({ alg: 'Ed25519', kid: issuer.kid, payload: text, sig, cert: issuer.cert });
};

describe('the subscription end in a license file', () => {
  it('a lease signed before the field existed still verifies, with no subscription end', async () => {
    const old = await issuer.sign(samplePayload({ kind: 'lease' }));
    const result = await verifyLicense(issuer.chain, old, optionsFor(issuer));
    expect(result.ok && result.value.payload.subscriptionEndsAt).toBeUndefined();
  });

  it('a lease states when the subscription behind it ends', async () => {
    const lease = await issuer.sign(
      samplePayload({ kind: 'lease', subscriptionEndsAt: '2027-06-30T00:00:00.000Z' }),
    );
    const result = await verifyLicense(issuer.chain, lease, optionsFor(issuer));
    expect(result.ok && result.value.payload.subscriptionEndsAt).toBe('2027-06-30T00:00:00.000Z');
  });

  it('R6 refuses a signed file that claims to outlive its subscription (INVALID_FIELDS)', async () => {
    const text = await signCanonical(samplePayload({ subscriptionEndsAt: '2026-12-01T00:00:00.000Z' }));
    const result = await verifyLicense(issuer.chain, text, optionsFor(issuer));
    expect(result.ok ? 'OK' : result.error.code).toBe('INVALID_FIELDS');
  });
});
