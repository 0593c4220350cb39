import { closeSync, fsync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join } from 'node:path';
import { hasErrorCode, mainLog } from './error-log';

const fsyncAsync = promisify(fsync);

/** Closes a descriptor whose work is done; a failure to close loses nothing and is only logged. */
const closeQuietly = (fd: number): void => {
  try {
    closeSync(fd);
  } catch (failure) {
    mainLog().warn({ err: failure }, 'A file handle did not close');
  }
};

/** The folder to sync after a rename; undefined where a folder cannot be opened (Windows: EISDIR, EPERM). */
const openFolder = (path: string): number | undefined => {
  try {
    return openSync(path, 'r');
  } catch (error) {
    if (hasErrorCode(error, 'EISDIR', 'EPERM', 'EACCES')) return undefined;
    throw error;
  }
};

/**
 * Writes a file so readers see the old or the new content, never half of it (temp + fsync + rename +
 * folder fsync), mode 0600.
 *
 * Only the two syncs run on the thread pool. The open, write, close and rename of a file of a few
 * kilobytes are synchronous calls of microseconds: as asynchronous calls each was a thread-pool round
 * trip, most of an activation's local cost on a busy machine, while the state lock is held. The system
 * calls and their order are unchanged, so what a crash can leave is too.
 */
export const writeFileAtomic = async (path: string, content: string): Promise<void> => {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    try {
      writeFileSync(fd, content, 'utf8');
      await fsyncAsync(fd);
    } finally {
      closeQuietly(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    // The write's or rename's own error is the one the caller needs; a temp that cannot be removed is logged.
    try {
      unlinkSync(temp);
    } catch (cleanup) {
      if (!hasErrorCode(cleanup, 'ENOENT')) mainLog().warn({ err: cleanup }, 'A temp file was left behind');
    }
    throw error;
  }
  // Syncing the folder makes the rename durable; Windows cannot open or sync a folder (EISDIR, EPERM).
  // Both syncs stay, though they are most of an activation's local cost: without the first a crash can
  // leave the new name on an empty file, without the second the old file back in place (POSIX promises
  // neither without them; that one file system journals the rename with the data is no promise), and a
  // caller that reports success (an activation printing "activated") must not lose what it wrote.
  const dir = openFolder(dirname(path));
  if (dir === undefined) return;
  try {
    await fsyncAsync(dir).catch((failure: unknown) => {
      if (!hasErrorCode(failure, 'EISDIR', 'EPERM', 'EINVAL')) throw failure;
    });
  } finally {
    closeQuietly(dir);
  }
};
