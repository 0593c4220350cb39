import { fail, ok, type Result } from '../result';
import { CROCKFORD_ALPHABET, hasValidCheckCharacter } from './check-character';

/** Symbols in a machine ID: 15 from the hash plus one check character. */
export const MACHINE_ID_SYMBOLS = 16;

/** The shape shown to people: four groups of four, e.g. `7K2M-QX9D-4TRW-B8NC`. */
export const MACHINE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

const EXAMPLE = 'ABCD-EFGH-JKMN-PQRS';

/** Groups 16 canonical symbols as XXXX-XXXX-XXXX-XXXX, the only spelling stored and compared. */
export const formatMachineId = (symbols: string): string => (symbols.match(/.{1,4}/g) ?? []).join('-');

const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Reads a machine ID as a person typed or read it: any case, spaces and dashes anywhere, and
 * Crockford look-alikes (O→0, I/L→1). Returns the canonical formatted ID or a sentence saying what is wrong.
 */
export const parseMachineId = (typed: string): Result<string> => {
  if (typeof typed !== 'string') return fail('INVALID_MACHINE_ID', 'A machine ID must be text.');
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[OIL]/g, (c) => LOOK_ALIKES[c] ?? c);
  if (compact.length === 0) return fail('INVALID_MACHINE_ID', `Enter a machine ID, such as ${EXAMPLE}.`);
  const stray = [...compact].find((c) => !CROCKFORD_ALPHABET.includes(c));
  if (stray !== undefined) {
    return fail(
      'INVALID_MACHINE_ID',
      `The character ${JSON.stringify(stray)} cannot appear in a machine ID; use only letters and digits as shown on the user's machine.`,
    );
  }
  if (compact.length !== MACHINE_ID_SYMBOLS) {
    return fail(
      'INVALID_MACHINE_ID',
      `A machine ID has ${MACHINE_ID_SYMBOLS} characters (like ${EXAMPLE}); this one has ${compact.length}. Check for a missing or extra character.`,
    );
  }
  if (!hasValidCheckCharacter(compact)) {
    return fail(
      'INVALID_MACHINE_ID',
      'This machine ID contains a typo: its last character does not match the others. Please read it again from the Tessera window on that machine.',
    );
  }
  return ok(formatMachineId(compact));
};
