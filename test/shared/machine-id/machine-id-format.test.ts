import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, CROCKFORD_ALPHABET } from '../../../shared/machine-id/check-character';
import {
  formatMachineId,
  MACHINE_ID_PATTERN,
  parseMachineId,
} from '../../../shared/machine-id/machine-id-format';
import { machineIdSchema, typedMachineIdSchema } from '../../../shared/machine-id/machine-id-schema';

const ID = formatMachineId(`7K2MQX9D4TRWB8N${checkCharacter('7K2MQX9D4TRWB8N')}`);
const body = fc
  .array(fc.constantFrom(...CROCKFORD_ALPHABET), { minLength: 15, maxLength: 15 })
  .map((s) => s.join(''));
const validId = body.map((b) => formatMachineId(b + checkCharacter(b)));

describe('parseMachineId', () => {
  it('formats as four groups of four', () => {
    expect(ID).toMatch(MACHINE_ID_PATTERN);
  });

  it('accepts lowercase, spaces and missing or extra dashes', () => {
    const compact = ID.replaceAll('-', '');
    for (const typed of [
      ID.toLowerCase(),
      compact,
      ` ${compact.match(/.{1,2}/g)?.join(' ')} `,
      ID.replaceAll('-', '--'),
      `-${ID}-`,
    ]) {
      expect(parseMachineId(typed)).toEqual({ ok: true, value: ID });
    }
  });

  it('maps Crockford look-alikes O→0 and I/L→1', () => {
    const id = formatMachineId(`10000000000000${'1'}`.slice(0, 15) + checkCharacter('100000000000001'));
    const typed = id.replaceAll('0', 'O').replace('1', 'I').replace('1', 'l');
    expect(parseMachineId(typed)).toEqual({ ok: true, value: id });
  });

  it('explains each kind of mistake with INVALID_MACHINE_ID', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter a machine ID/],
      [ID.slice(0, -1), /16 characters.*this one has 15/],
      [`${ID}A`, /this one has 17/],
      [ID.replace(/.$/, 'U'), /"U" cannot appear/],
      [ID.slice(0, -1) + (ID.endsWith('0') ? '1' : '0'), /typo/],
    ];
    for (const [typed, message] of cases) {
      const result = parseMachineId(typed);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_MACHINE_ID' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
  });

  it('round-trips: parse(format(id)) returns the same canonical ID, in any case or spacing', () => {
    fc.assert(
      fc.property(validId, fc.boolean(), (id, lower) => {
        const typed = lower ? id.toLowerCase().replaceAll('-', ' ') : id.replaceAll('-', '');
        expect(parseMachineId(typed)).toEqual({ ok: true, value: id });
      }),
    );
  });

  it('never throws on arbitrary text, and accepts only IDs whose check character matches', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (typed) => {
        const result = parseMachineId(typed);
        if (result.ok) expect(machineIdSchema.safeParse(result.value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('machine ID schemas', () => {
  it('machineIdSchema accepts only canonical IDs with a valid check character', () => {
    expect(machineIdSchema.safeParse(ID).success).toBe(true);
    expect(machineIdSchema.safeParse(ID.toLowerCase()).success).toBe(false);
    expect(machineIdSchema.safeParse(ID.slice(0, -1) + (ID.endsWith('0') ? '1' : '0')).success).toBe(false);
  });

  it('typedMachineIdSchema normalizes what a person typed and reports the parse message', () => {
    expect(typedMachineIdSchema.parse(ID.toLowerCase())).toBe(ID);
    const refused = typedMachineIdSchema.safeParse('ABCD');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/16 characters/);
  });
});
