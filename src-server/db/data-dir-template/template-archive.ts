import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { create, UnpackSync } from 'tar';

/** Every folder and file under root, paths relative to it, in a stable order (folders before their contents). */
function listTree(root: string, relative = '', out: string[] = []): string[] {
  for (const name of readdirSync(join(root, relative)).sort()) {
    const path = relative === '' ? name : `${relative}/${name}`;
    const stat = lstatSync(join(root, path));
    if (stat.isDirectory()) {
      out.push(path);
      listTree(root, path, out);
    } else if (stat.isFile()) out.push(path);
  }
  return out;
}

/**
 * Packs a cluster folder as a gzip tar at `file`, reproducibly: sorted entries, no owner or host
 * metadata, every mtime the epoch. Only folders and regular files (a cluster has nothing else).
 */
export function packClusterFolder(root: string, file: string): void {
  create(
    {
      cwd: root,
      file,
      sync: true,
      gzip: { level: 9 },
      portable: true,
      mtime: new Date(0),
      noDirRecurse: true,
    },
    listTree(root),
  );
}

/**
 * Unpacks a template archive (gzip tar bytes already checked against the manifest's digest) into an empty
 * folder. Strict: an absolute path, a `..` part, a link leaving the folder or any other tar warning throws
 * instead of being skipped; modes are at most 0700 for folders and 0600 for files. Throws when the
 * archive holds no cluster (no `PG_VERSION`).
 */
export function unpackClusterArchive(archive: Buffer, into: string): void {
  const unpack = new UnpackSync({ cwd: into, strict: true, umask: 0o077, noMtime: true });
  unpack.end(archive);
  if (!existsSync(join(into, 'PG_VERSION'))) throw new Error('archive holds no cluster');
}
