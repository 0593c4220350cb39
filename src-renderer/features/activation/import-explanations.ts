/** What each verification refusal means for the person holding the file, and what to do next (R5, R7). */
export const IMPORT_EXPLANATION: Readonly<Record<string, string>> = {
  MALFORMED: 'This is not a Tessera license file. Pick the .lic file your admin sent.',
  FILE_TOO_LARGE: 'This file is far larger than a license file. Pick the .lic file your admin sent.',
  UNSUPPORTED_ALG: 'The file was signed in a way this version of Tessera does not accept. Update Tessera.',
  UNTRUSTED_ISSUER:
    'The file was signed by a key this computer does not trust. Ask your admin for a file from your license server.',
  BAD_SIGNATURE:
    'The file was changed after it was signed, so it is no longer valid. Ask your admin for a fresh copy.',
  INVALID_FIELDS: 'The file is missing required details. Ask your admin to generate it again.',
  NOT_YET_VALID: 'The license starts later, or this computer’s clock is behind. Check the date and time.',
  EXPIRED: 'The license has expired. Ask your admin for a new offline license, or activate online.',
  WRONG_MACHINE:
    'The file was made for another machine ID. Send your admin this machine’s ID or request file.',
  WRONG_PRODUCT: 'The file is for a product this app does not run.',
  CLOCK_ROLLED_BACK: 'This computer’s clock was set back. Correct the date and time, then import again.',
};

/** The explanation for a code, falling back to the agent's own sentence alone. */
export function explainImport(code: string): string | null {
  return IMPORT_EXPLANATION[code] ?? null;
}
