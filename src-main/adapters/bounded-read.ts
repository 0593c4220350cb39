import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a bounded read gave nothing: absent, not readable, not a plain file, or larger than allowed. */
export type BoundedReadRefusal = 'absent' | 'unreadable' | 'not-regular' | 'too-large';

/**
 * Reads a small configuration file without trusting its size: only a regular file (a FIFO or a device
 * would block or never end), at most `maxBytes` (one more byte is read to notice a larger file).
 */
export const readSmallFile = async (
  path: string,
  maxBytes: number,
): Promise<{ text: string } | { refused: BoundedReadRefusal }> => {
  let handle;
  try {
    // O_NONBLOCK so opening a FIFO does not wait for a writer; regular files ignore it.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { refused: code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : 'unreadable' };
  }
  try {
    if (!(await handle.stat()).isFile()) return { refused: 'not-regular' };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { refused: 'too-large' };
    return { text: buffer.subarray(0, length).toString('utf8') };
  } finally {
    await handle.close();
  }
};
