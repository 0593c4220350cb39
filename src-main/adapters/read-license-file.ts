import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MAX_LICENSE_FILE_CHARS } from '../../shared/license-file/armor';
import { fail, ok, type Result } from '../../shared/result';
import { mainLog } from './error-log';

/** Most bytes ever read from a license path: the format's maximum plus one, to tell "too large" apart. */
export const MAX_LICENSE_READ_BYTES = MAX_LICENSE_FILE_CHARS + 1;

const notRegular = (path: string) =>
  fail(
    'FILE_NOT_REGULAR',
    `${path} is not a regular file (a folder, device, pipe or socket); pick the .lic file your administrator sent.`,
  );

const tooLarge = () =>
  fail(
    'FILE_TOO_LARGE',
    `This file is larger than any license file (over ${MAX_LICENSE_FILE_CHARS / 1024} KiB); pick the .lic file your administrator sent.`,
  );

const openFailure = (path: string, error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return fail('FILE_NOT_FOUND', `The file ${path} does not exist; check the path.`);
  // A socket cannot be opened (ENXIO); Windows refuses to open a folder (EISDIR).
  if (code === 'ENXIO' || code === 'EISDIR') return notRegular(path);
  return fail(
    'FILE_UNREADABLE',
    `The file ${path} cannot be read (${code ?? 'error'}); check its permissions.`,
  );
};

const readBounded = async (handle: FileHandle): Promise<Buffer> => {
  const buffer = Buffer.alloc(MAX_LICENSE_READ_BYTES);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
};

/**
 * Reads a license file the user named, bounded and race-free: opens it without blocking (a FIFO with no
 * writer never hangs), checks the open handle with fstat (no window between a stat and the read), refuses
 * anything but a regular file (FILE_NOT_REGULAR), and reads at most the format's maximum plus one byte.
 */
export const readLicenseFile = async (path: string): Promise<Result<string>> => {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return openFailure(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return notRegular(path);
    if (stats.size > MAX_LICENSE_FILE_CHARS) return tooLarge();
    const bytes = await readBounded(handle);
    if (bytes.length > MAX_LICENSE_FILE_CHARS) return tooLarge();
    return ok(bytes.toString('utf8'));
  } catch (error) {
    return openFailure(path, error);
  } finally {
    // Everything was read already; a failed close changes nothing the caller gets, but is logged.
    await handle
      .close()
      .catch((error: unknown) => mainLog().warn({ err: error }, 'A license file could not be closed'));
  }
};
