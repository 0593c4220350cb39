import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { armorEnvelope, dearmorEnvelope } from '../../../shared/license-file/armor';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import { makeIssuer, optionsFor, samplePayload, subtle, type TestIssuer } from './license-fixture';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

let issuer: TestIssuer;
let file: string;

beforeAll(async () => {
  issuer = await makeIssuer();
  file = await issuer.sign(samplePayload());
});

const accepted = async (text: string): Promise<boolean> =>
  (await verifyLicense(subtle, text, optionsFor(issuer))).ok;

const replaceAt = (text: string, index: number, char: string): string =>
  text.slice(0, index) + char + text.slice(index + 1);

/** A different base64 symbol for position `index`, chosen deterministically by `shift`. */
const otherSymbol = (current: string, shift: number): string => {
  const at = BASE64.indexOf(current);
  return BASE64.charAt((Math.max(at, 0) + 1 + (shift % (BASE64.length - 1))) % BASE64.length);
};

describe('license file tampering (R7)', () => {
  it('R7 the untouched sample file verifies (so the refusals below are caused by the change)', async () => {
    expect(await accepted(file)).toBe(true);
  });

  it('R7 refuses a change at every byte position of the base64 body', async () => {
    const start = file.indexOf('\n') + 1;
    const end = file.indexOf('-----END');
    const survivors: number[] = [];
    for (let index = start; index < end; index += 1) {
      const current = file.charAt(index);
      if (current === '\n') continue;
      for (const shift of [0, 17]) {
        if (await accepted(replaceAt(file, index, otherSymbol(current, shift)))) survivors.push(index);
      }
    }
    expect(survivors).toEqual([]);
  });

  it('R7 refuses a change at every character of the signed payload, even when re-armored cleanly', async () => {
    const envelope = dearmorEnvelope(file);
    if (!envelope.ok) throw new Error('fixture');
    const { payload } = envelope.value;
    const codes = new Set<string>();
    for (let index = 0; index < payload.length; index += 1) {
      const changed = replaceAt(payload, index, payload.charAt(index) === 'x' ? 'y' : 'x');
      const result = await verifyLicense(
        subtle,
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
