import { base64, utf8 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  ARMOR_FOOTER,
  ARMOR_HEADER,
  ARMOR_LINE_WIDTH,
  armorEnvelope,
  dearmorEnvelope,
} from '../../../shared/license-file/armor';
import { canonicalJson } from '../../../shared/license-file/canonical-json';

const envelope = { alg: 'Ed25519', kid: '0123456789abcdef', payload: '{"v":1}', sig: 'c2ln' };

/** Armors arbitrary envelope JSON text the way a hand-made file would. */
const armorJson = (json: string): string => {
  const body = base64.encode(utf8.decode(json));
  return [ARMOR_HEADER, ...(body.match(/.{1,64}/g) ?? []), ARMOR_FOOTER, ''].join('\n');
};

describe('license file armor', () => {
  it('writes a header, base64 lines of at most 64 characters and a footer', () => {
    const text = armorEnvelope({ ...envelope, payload: 'x'.repeat(500) });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(ARMOR_HEADER);
    expect(lines.at(-1)).toBe(ARMOR_FOOTER);
    expect(lines.slice(1, -1).every((line) => line.length > 0 && line.length <= ARMOR_LINE_WIDTH)).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('reads back exactly what it wrote', () => {
    expect(dearmorEnvelope(armorEnvelope(envelope))).toEqual({ ok: true, value: envelope });
  });

  it('R7 refuses envelope JSON that decodes to the same fields but is spelled differently', () => {
    expect(dearmorEnvelope(armorJson(canonicalJson(envelope))).ok).toBe(true);
    expect(dearmorEnvelope(armorJson(JSON.stringify(envelope, null, 1))).ok).toBe(false);
    const reordered = JSON.stringify({
      sig: envelope.sig,
      alg: envelope.alg,
      kid: envelope.kid,
      payload: envelope.payload,
    });
    expect(dearmorEnvelope(armorJson(reordered)).ok).toBe(false);
  });

  it('R7 refuses base64 with non-zero padding bits, which would decode to the same bytes', () => {
    const text = armorEnvelope(envelope);
    const padded = text.indexOf('=');
    expect(padded).toBeGreaterThan(0);
    const last = text.charAt(padded - 1);
    const twin = String.fromCharCode(last.charCodeAt(0) + 1);
    const variant = text.slice(0, padded - 1) + twin + text.slice(padded);
    expect(dearmorEnvelope(variant)).toMatchObject({ ok: false, error: { code: 'MALFORMED' } });
  });

  it('refuses unknown envelope fields, lines outside the armor, and bare carriage returns', () => {
    expect(dearmorEnvelope(armorJson(canonicalJson({ ...envelope, extra: 1 }))).ok).toBe(false);
    expect(dearmorEnvelope(`note\n${armorEnvelope(envelope)}`).ok).toBe(false);
    expect(dearmorEnvelope(`${armorEnvelope(envelope)}trailing`).ok).toBe(false);
    expect(dearmorEnvelope(armorEnvelope(envelope).replaceAll('\n', '\r')).ok).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":true}]},"b":1}',
    );
  });
});
