/**
 * Check character for machine IDs, read aloud over the phone and typed by an admin.
 *
 * Each Crockford base32 symbol is an element of GF(32) (polynomial x^5 + x^2 + 1). Reading left to
 * right, state' = a·state + symbol with a = x (neither 0 nor 1), and the check symbol makes the final
 * state 0. Because y ↦ a·s + y and s ↦ a·s + y are bijections, every single substitution changes the
 * final state; because a ≠ 1, (a·(a·s + x) + y) = (a·(a·s + y) + x) only when x = y, so every adjacent
 * transposition does too (a Damm-style totally anti-symmetric quasigroup). Luhn mod 32 would miss "0Z"↔"Z0".
 */

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const REDUCTION = 0b100101; // x^5 + x^2 + 1, primitive over GF(2)

const timesA = (state: number): number => {
  const shifted = state << 1;
  return shifted & 0b100000 ? shifted ^ REDUCTION : shifted;
};

const foldSymbols = (symbols: string): number | undefined => {
  let state = 0;
  for (const symbol of symbols) {
    const value = CROCKFORD_ALPHABET.indexOf(symbol);
    if (value < 0) return undefined;
    state = timesA(state) ^ value;
  }
  return state;
};

/** The symbol to append to `body` (canonical Crockford symbols) so the whole ID checks out. */
export const checkCharacter = (body: string): string => {
  const state = foldSymbols(body);
  if (state === undefined) throw new RangeError('Machine ID bodies use Crockford base32 symbols only.');
  return CROCKFORD_ALPHABET.charAt(timesA(state));
};

/** True when the symbols (body followed by check character) fold to zero: no typo detected. */
export const hasValidCheckCharacter = (symbols: string): boolean => foldSymbols(symbols) === 0;
