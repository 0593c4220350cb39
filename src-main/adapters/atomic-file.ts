import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join } from 'node:path';
import { hasErrorCode, mainLog } from './error-log';

/**
 * The folder to sync after a rename (no handle where a folder cannot be opened: Windows). Never rejects,
 * so it can be opened ahead while the file is written; an unexpected error is handed back for later.
 */
const openFolder = (path: string): Promise<{ handle?: FileHandle; error?: unknown }> =>
  open(path, 'r').then(
    (handle) => ({ handle }),
    (error: unknown) => (hasErrorCode(error, 'EISDIR', 'EPERM', 'EACCES') ? {} : { error }),
  );

/** Writes a file so readers see the old or the new content, never half of it (temp + fsync + rename), mode 0600. */
export const writeFileAtomic = async (path: string, content: string): Promise<void> => {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // The folder is opened while the file is written, so its sync after the rename waits for nothing else.
  const folder = openFolder(dirname(path));
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      // The rename's own error is the one the caller needs; a temp that cannot be removed is logged.
      await unlink(temp).catch((cleanup: unknown) => {
        if (!hasErrorCode(cleanup, 'ENOENT')) mainLog().warn({ err: cleanup }, 'A temp file was left behind');
      });
      throw error;
    }
  } catch (error) {
    await (await folder).handle?.close();
    throw error;
  }
  // Syncing the folder makes the rename durable; Windows cannot open or sync a folder (EISDIR, EPERM).
  // Both syncs stay, though they are most of an activation's local cost: without the first a crash can
  // leave the new name on an empty file, without the second the old file back in place (POSIX promises
  // neither without them; that one file system journals the rename with the data is no promise), and a
  // caller that reports success (an activation printing "activated") must not lose what it wrote.
  const { handle: dir, error } = await folder;
  if (error !== undefined) throw error;
  if (dir) {
    try {
      await dir.sync().catch((failure: unknown) => {
        if (!hasErrorCode(failure, 'EISDIR', 'EPERM', 'EINVAL')) throw failure;
      });
    } finally {
      // The write is durable once the sync returned: closing the read-only folder handle adds nothing the
      // caller waits for (it would be one more thread-pool round trip while the state lock is held).
      dir
        .close()
        .catch((failure: unknown) => mainLog().warn({ err: failure }, 'A folder handle did not close'));
    }
  }
};
