import { fail, ok, type Result } from '../../shared/result';
import { ensurePrivateDir, UnsafeDataDirError } from '../../src-server/private-data-dir';

/**
 * The agent's data folder (license state, settings, cache) is created 0700 and refused when other
 * users can write to it — they could swap the license state — with the chmod that fixes it.
 */
export const ensurePrivateFolder = (dir: string): Result<string> => {
  try {
    ensurePrivateDir(dir);
    return ok(dir);
  } catch (error) {
    if (error instanceof UnsafeDataDirError) return fail('VALIDATION_FAILED', error.message);
    throw error;
  }
};
