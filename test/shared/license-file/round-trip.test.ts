import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLicenseUnverified } from '../../../shared/license-file/parse-unverified';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { makeIssuer, optionsFor, samplePayload, type TestIssuer } from './license-fixture';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await makeIssuer();
});

const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });

describe('license file round trip', () => {
  it('verifies exactly what was signed, whatever the text in the fields (unicode included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        name,
        name,
        fc.option(name, { nil: undefined }),
        fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }), { maxLength: 5 }),
        fc.constantFrom('offline' as const, 'lease' as const),
        async (organizationName, licenseId, userId, features, kind) => {
          const payload = samplePayload({ organizationName, licenseId, userId, features, kind });
          const file = await issuer.sign(payload);
          const result = await verifyLicense(issuer.chain, file, optionsFor(issuer));
          expect(result).toEqual({
            ok: true,
            value: {
              payload: JSON.parse(JSON.stringify(payload)),
              kid: issuer.kid,
              root: issuer.root.trusted,
            },
          });
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);

  it('never throws on arbitrary text: every input ends in a Result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const verified = await verifyLicense(issuer.chain, text, optionsFor(issuer));
        expect(verified.ok).toBe(false);
        expect(parseLicenseUnverified(text).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('never throws on armored garbage: arbitrary base64 between the header and footer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.base64String({ maxLength: 400 }), async (body) => {
        const text = `-----BEGIN TESSERA LICENSE-----\n${body}\n-----END TESSERA LICENSE-----\n`;
        expect((await verifyLicense(issuer.chain, text, optionsFor(issuer))).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
