import { fail, ok, type Result } from '../../shared/result';

/** License files and requests are a few kilobytes; anything far larger is a wrong pick, not a license. */
export const MAX_IMPORT_BYTES = 64 * 1024;

/** Reads a user-picked or dropped file as text in the renderer, so only its content crosses IPC. */
export async function readTextFile(file: File, maxBytes = MAX_IMPORT_BYTES): Promise<Result<string>> {
  if (file.size > maxBytes) {
    return fail(
      'FILE_TOO_LARGE',
      `${file.name} is ${file.size} bytes; a license file is at most ${maxBytes} bytes.`,
    );
  }
  try {
    return ok(await file.text());
  } catch {
    return fail('MALFORMED', `${file.name} could not be read. Pick the file again.`);
  }
}
