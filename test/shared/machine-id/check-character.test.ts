import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  CROCKFORD_ALPHABET,
  hasValidCheckCharacter,
} from '../../../shared/machine-id/check-character';

const symbol = fc.constantFrom(...CROCKFORD_ALPHABET);
const body = fc.array(symbol, { minLength: 15, maxLength: 15 }).map((symbols) => symbols.join(''));
const withCheck = (b: string): string => b + checkCharacter(b);

const substitutionsMissed = (id: string): string[] => {
  const missed: string[] = [];
  for (let i = 0; i < id.length; i += 1) {
    for (const replacement of CROCKFORD_ALPHABET) {
      if (replacement === id[i]) continue;
      const typo = id.slice(0, i) + replacement + id.slice(i + 1);
      if (hasValidCheckCharacter(typo)) missed.push(typo);
    }
  }
  return missed;
};

describe('machine ID check character', () => {
  it('makes every generated ID valid', () => {
    fc.assert(fc.property(body, (b) => hasValidCheckCharacter(withCheck(b))));
  });

  it('catches every single-character substitution at every position (exhaustive over samples)', () => {
    const samples = [
      '000000000000000',
      'ZZZZZZZZZZZZZZZ',
      '0123456789ABCDE',
      'FGHJKMNPQRSTVWX',
      '7K2MQX9D4TRWB8N',
    ];
    for (const sample of samples) expect(substitutionsMissed(withCheck(sample))).toEqual([]);
  });

  it('catches every single-character substitution (property)', () => {
    fc.assert(
      fc.property(body, (b) => substitutionsMissed(withCheck(b)).length === 0),
      { numRuns: 200 },
    );
  });

  it('catches every adjacent transposition of every symbol pair at every position, check character included', () => {
    const base = '7K2MQX9D4TRWB8N';
    const missed: string[] = [];
    let checked = 0;
    for (let i = 0; i < 15; i += 1) {
      for (const a of CROCKFORD_ALPHABET) {
        for (const b of CROCKFORD_ALPHABET) {
          const valid = withCheck(`${base.slice(0, i)}${a}${b}${base.slice(i + 2)}`.slice(0, 15));
          if (valid[i] === valid[i + 1]) continue;
          checked += 1;
          const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
          if (hasValidCheckCharacter(swapped)) missed.push(`${valid} -> ${swapped}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(14 * 32 * 31);
    expect(missed).toEqual([]);
  });

  it('catches the transposition Luhn mod 32 would miss ("0Z" ↔ "Z0")', () => {
    const valid = withCheck('0Z0000000000000');
    expect(hasValidCheckCharacter(`Z0${valid.slice(2)}`)).toBe(false);
  });

  it('catches adjacent transpositions including the check character (property)', () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 14 }), (b, i) => {
        const valid = withCheck(b);
        fc.pre(valid[i] !== valid[i + 1]);
        return !hasValidCheckCharacter(valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2));
      }),
      { numRuns: 1000 },
    );
  });
});
