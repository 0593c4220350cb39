import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { armorEnvelope, dearmorEnvelope } from '../../../shared/license-file/armor';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { makeIssuer, optionsFor, samplePayload, type TestIssuer } from './license-fixture';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

let issuer: TestIssuer;
let file: string;

beforeAll(async () => {
  issuer = await makeIssuer();
  // A lease-like file: certificate and revocation list embedded, so tampering with either is covered too.
  file = await issuer.sign(samplePayload(), await issuer.root.revocations());
});

const accepted = async (text: string): Promise<boolean> =>
  (await verifyLicense(issuer.chain, text, optionsFor(issuer))).ok;

const replaceAt = (text: string, index: number, char: string): string =>
  text.slice(0, index) + char + text.slice(index + 1);

describe('license file tampering (R7)', () => {
  it('R7 the untouched sample file verifies (so the refusals below are caused by the change)', async () => {
    expect(await accepted(file)).toBe(true);
  });

  it('R7 refuses a flip of every bit of every base64 symbol in the body (exhaustive)', async () => {
    const start = file.indexOf('\n') + 1;
    const end = file.indexOf('-----END');
    const survivors: string[] = [];
    let tried = 0;
    for (let index = start; index < end; index += 1) {
      const value = BASE64.indexOf(file.charAt(index));
      if (value < 0) continue;
      const variants =
        value === 64 ? ['A', 'Q', 'w'] : [0, 1, 2, 3, 4, 5].map((bit) => BASE64.charAt(value ^ (1 << bit)));
      for (const symbol of variants) {
        tried += 1;
        if (await accepted(replaceAt(file, index, symbol))) survivors.push(`${index}:${symbol}`);
      }
    }
    expect(tried).toBeGreaterThan(500 * 6);
    expect(survivors).toEqual([]);
  }, 120_000);

  it('R7 refuses a change at every character of the signed payload, even when re-armored cleanly', async () => {
    const envelope = dearmorEnvelope(file);
    if (!envelope.ok) throw new Error('fixture');
    const { payload } = envelope.value;
    const codes = new Set<string>();
    for (let index = 0; index < payload.length; index += 1) {
      const changed = replaceAt(payload, index, payload.charAt(index) === 'x' ? 'y' : 'x');
      const result = await verifyLicense(
        issuer.chain,
        armorEnvelope({ ...envelope.value, payload: changed }),
        optionsFor(issuer),
      );
      codes.add(result.ok ? 'OK' : result.error.code);
    }
    expect([...codes]).toEqual(['BAD_SIGNATURE']);
  });

  it('R7 property: any single-byte change anywhere in the file is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: file.length - 1 }),
        fc.integer({ min: 0, max: 0x7e }),
        async (index, code) => {
          fc.pre(file.charCodeAt(index) !== code);
          expect(await accepted(replaceAt(file, index, String.fromCharCode(code)))).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('R7 property: any change to the envelope fields (alg, kid, sig) is refused', async () => {
    const envelope = dearmorEnvelope(file);
    if (!envelope.ok) throw new Error('fixture');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('alg', 'kid', 'sig'),
        fc.string({ minLength: 1, maxLength: 90 }),
        async (field, value) => {
          fc.pre(envelope.value[field] !== value);
          expect(await accepted(armorEnvelope({ ...envelope.value, [field]: value }))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
