// The smallest tar (ustar) the data-folder template needs: regular files and folders with short
// relative paths, written and read by this module alone (a PostgreSQL cluster has nothing else).

const BLOCK = 512;

/** One entry of a template archive: a folder or a regular file, path relative to the cluster root. */
export type TarEntry = { kind: 'dir'; path: string } | { kind: 'file'; path: string; data: Uint8Array };

const octal = (value: number, width: number): string => value.toString(8).padStart(width - 1, '0') + '\0';

function header(path: string, size: number, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(path) > 100) throw new Error(`tar path too long: ${path}`);
  block.write(path, 0, 'utf8');
  block.write(octal(type === '5' ? 0o700 : 0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0' + '00', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

/** Packs entries as a ustar archive (mode 0700/0600, owner 0, mtime 0: reproducible). */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.kind === 'dir') {
      parts.push(header(entry.path.endsWith('/') ? entry.path : `${entry.path}/`, 0, '5'));
      continue;
    }
    parts.push(header(entry.path, entry.data.length, '0'), Buffer.from(entry.data));
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** A relative path with no `..`, no absolute start and no empty part: nothing can land outside the folder. */
const isSafePath = (path: string): boolean =>
  path.length > 0 &&
  !path.startsWith('/') &&
  path.split('/').every((part) => part !== '' && part !== '..' && part !== '.');

/** Reads what `writeTar` wrote; throws on anything else (bad checksum, unsafe path, other entry types, truncation). */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return entries;
    const stored = parseInt(block.toString('ascii', 148, 156).replace(/\0/g, '').trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
    if (stored !== sum) throw new Error('tar header checksum mismatch');
    const rawPath = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(block.toString('ascii', 124, 136).replace(/\0/g, '').trim(), 8);
    const type = block.toString('ascii', 156, 157);
    const path = rawPath.replace(/\/$/, '');
    if (!isSafePath(path) || !Number.isSafeInteger(size) || size < 0)
      throw new Error(`bad tar entry ${rawPath}`);
    offset += BLOCK;
    if (type === '5') entries.push({ kind: 'dir', path });
    else if (type === '0') {
      if (offset + size > archive.length) throw new Error('tar archive truncated');
      entries.push({ kind: 'file', path, data: archive.subarray(offset, offset + size) });
      offset += Math.ceil(size / BLOCK) * BLOCK;
    } else throw new Error(`unsupported tar entry type ${type}`);
  }
  throw new Error('tar archive truncated');
}
