/**
 * "1 kse license", "4 kse licenses": a count with its noun in the right number, so refusals and
 * admin screens never read "1 licenses". `noun` is singular and takes a plain -s plural.
 */
export function countPhrase(count: number, noun: string, qualifier?: string): string {
  const word = count === 1 ? noun : `${noun}s`;
  return qualifier ? `${count} ${qualifier} ${word}` : `${count} ${word}`;
}
