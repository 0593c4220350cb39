import { mkdir, rmdir, stat } from 'node:fs/promises';
import { sleep } from './retry-policy';

/** A lock older than this is taken to be left by a crashed process and broken. */
const STALE_MS = 10_000;

/**
 * Cross-process mutual exclusion with an atomic mkdir, so several `tessera` processes (parallel
 * `run`s, the app and the CLI) never lose each other's updates to the same state file.
 */
export const withFileLock = async <T>(lockPath: string, task: () => Promise<T>): Promise<T> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await mkdir(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rmdir(lockPath).catch(() => undefined);
      else await sleep(Math.min(100, 5 + attempt * 5));
    }
  }
  try {
    return await task();
  } finally {
    await rmdir(lockPath).catch(() => undefined);
  }
};
