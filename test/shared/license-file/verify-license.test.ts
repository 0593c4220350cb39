import { beforeAll, describe, expect, it } from 'vitest';
import { signPrefixed } from '../../../shared/crypto/prefixed-signature';
import { LICENSE_SIGNING_PREFIX } from '../../../shared/license-file/envelope';
import { armorEnvelope, dearmorEnvelope } from '../../../shared/license-file/armor';
import { verifyLicense } from '../../../shared/license-file/verify-license';
import {
  EXPIRES,
  ISSUED,
  makeIssuer,
  optionsFor,
  subtle,
  OTHER_MACHINE,
  samplePayload,
  THIS_MACHINE,
  type TestIssuer,
} from './license-fixture';

let issuer: TestIssuer;
let foreign: TestIssuer;
let file: string;

beforeAll(async () => {
  issuer = await makeIssuer();
  foreign = await makeIssuer();
  file = await issuer.sign(samplePayload());
});

const codeOf = async (text: string, overrides: Parameters<typeof optionsFor>[1] = {}) => {
  const result = await verifyLicense(issuer.chain, text, optionsFor(issuer, overrides));
  return result.ok ? 'OK' : result.error.code;
};

/** Signs arbitrary payload text with the trusted key, bypassing signLicense's typed input. */
const signRaw = async (payload: string, alg = 'Ed25519'): Promise<string> => {
  const sig = await signPrefixed(subtle, issuer.privateKey, LICENSE_SIGNING_PREFIX, payload);
  return armorEnvelope({ alg, kid: issuer.kid, payload, sig, cert: issuer.cert });
};

describe('verifyLicense', () => {
  it('R5 accepts an offline license on the machine it is bound to and returns its payload', async () => {
    const result = await verifyLicense(issuer.chain, file, optionsFor(issuer));
    expect(result).toEqual({
      ok: true,
      value: { payload: samplePayload(), kid: issuer.kid, root: issuer.root.trusted },
    });
  });

  it('R5 refuses the file on another machine and names both machine IDs', async () => {
    const result = await verifyLicense(
      issuer.chain,
      file,
      optionsFor(issuer, { expectedMachineId: OTHER_MACHINE }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('WRONG_MACHINE');
    expect(result.error.message).toContain(
      `This file is for machine ${THIS_MACHINE}; this machine is ${OTHER_MACHINE}.`,
    );
  });

  it('R5 compares the machine ID as typed (case, spaces) by its canonical form', async () => {
    expect(
      await codeOf(file, { expectedMachineId: ` ${THIS_MACHINE.toLowerCase().replaceAll('-', ' ')} ` }),
    ).toBe('OK');
  });

  it('refuses a license for another product', async () => {
    expect(await codeOf(file, { expectedProductId: 'kre' })).toBe('WRONG_PRODUCT');
  });

  it('R7 refuses an expired license, from the expiry instant on', async () => {
    expect(await codeOf(file, { now: EXPIRES - 1 })).toBe('OK');
    expect(await codeOf(file, { now: EXPIRES })).toBe('EXPIRED');
    expect(await codeOf(file, { now: EXPIRES + 86_400_000 })).toBe('EXPIRED');
  });

  it('refuses a license that is not yet valid, beyond a small clock skew', async () => {
    expect(await codeOf(file, { now: ISSUED - 60_000 })).toBe('OK');
    expect(await codeOf(file, { now: ISSUED - 86_400_000 })).toBe('NOT_YET_VALID');
  });

  it('R7 refuses a clock rolled back before the last trusted time, but tolerates small drift', async () => {
    const lastTrustedTime = Date.parse('2026-07-01T00:00:00Z');
    expect(await codeOf(file, { now: lastTrustedTime - 30 * 60_000, lastTrustedTime })).toBe('OK');
    expect(await codeOf(file, { now: lastTrustedTime - 2 * 3_600_000, lastTrustedTime })).toBe(
      'CLOCK_ROLLED_BACK',
    );
  });

  it('R7 judges expiry at the last trusted time when the clock drifted back within tolerance', async () => {
    expect(await codeOf(file, { now: EXPIRES - 60_000, lastTrustedTime: EXPIRES + 60_000 })).toBe('EXPIRED');
  });

  it('refuses a file whose key another root certifies (UNTRUSTED_ISSUER naming that root)', async () => {
    const result = await verifyLicense(issuer.chain, await foreign.sign(samplePayload()), optionsFor(issuer));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNTRUSTED_ISSUER');
    expect(result.error.message).toContain(foreign.root.kid);
    expect(result.error.details).toEqual({ rootKid: foreign.root.kid });
  });

  it('refuses a file carrying a trusted kid and certificate but signed with another key (BAD_SIGNATURE)', async () => {
    const forged = dearmorEnvelope(await foreign.sign(samplePayload()));
    if (!forged.ok) throw new Error('fixture');
    expect(await codeOf(armorEnvelope({ ...forged.value, kid: issuer.kid, cert: issuer.cert }))).toBe(
      'BAD_SIGNATURE',
    );
  });

  it('refuses a file with no certificate (UNTRUSTED_ISSUER) unless the caller supplies one for its kid', async () => {
    const bare = dearmorEnvelope(file);
    if (!bare.ok) throw new Error('fixture');
    const { cert: _cert, ...withoutCert } = bare.value;
    const old = armorEnvelope(withoutCert);
    expect(await codeOf(old)).toBe('UNTRUSTED_ISSUER');
    expect(await codeOf(old, { extraCertificates: [foreign.cert] })).toBe('UNTRUSTED_ISSUER');
    expect(await codeOf(old, { extraCertificates: [foreign.cert, issuer.cert] })).toBe('OK');
  });

  it('refuses an unknown signature algorithm before looking at keys', async () => {
    expect(await codeOf(await signRaw(JSON.stringify(samplePayload()), 'RS256'))).toBe('UNSUPPORTED_ALG');
  });

  it('refuses a signed payload whose fields are invalid or not canonical (INVALID_FIELDS)', async () => {
    const { machineId: _dropped, ...noMachine } = samplePayload();
    expect(await codeOf(await signRaw(JSON.stringify(noMachine)))).toBe('INVALID_FIELDS');
    expect(await codeOf(await signRaw(JSON.stringify(samplePayload())))).toBe('INVALID_FIELDS');
    expect(await codeOf(await signRaw('not json'))).toBe('INVALID_FIELDS');
  });

  it('refuses an oversized file before parsing it', async () => {
    expect(await codeOf(file + ' '.repeat(70_000))).toBe('FILE_TOO_LARGE');
  });

  it('refuses text that is not a license file (MALFORMED)', async () => {
    for (const text of [
      '',
      'hello',
      file.replace('BEGIN', 'START'),
      file.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n\n'),
    ]) {
      expect(await codeOf(text)).toBe('MALFORMED');
    }
  });

  it('accepts the same file with CRLF line endings or without the final newline', async () => {
    expect(await codeOf(file.replaceAll('\n', '\r\n'))).toBe('OK');
    expect(await codeOf(file.trimEnd())).toBe('OK');
  });

  it('checks in the documented order: time before machine before product', async () => {
    expect(
      await codeOf(file, { now: EXPIRES, expectedMachineId: OTHER_MACHINE, expectedProductId: 'kre' }),
    ).toBe('EXPIRED');
    expect(await codeOf(file, { expectedMachineId: OTHER_MACHINE, expectedProductId: 'kre' })).toBe(
      'WRONG_MACHINE',
    );
  });

  it('accepts files of every signing key the root certifies (key rotation)', async () => {
    const rotated = await makeIssuer({ root: issuer.root });
    const lease = await rotated.sign(samplePayload({ kind: 'lease', licenseKind: 'floating' }));
    expect(await codeOf(lease)).toBe('OK');
    expect(await codeOf(file)).toBe('OK');
  });
});
