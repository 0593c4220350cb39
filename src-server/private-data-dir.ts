import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const OTHERS_WRITE = 0o022;
const OTHERS_ANY = 0o077;

/** Thrown at start when other users can change the data folder; the message names the fix. */
export class UnsafeDataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly entry: string,
  ) {
    super(
      `The data folder ${dir} can be changed by other users (${entry}); make it private with: chmod -R go-rwx '${dir.replace(/'/g, "'\\''")}'`,
    );
    this.name = 'UnsafeDataDirError';
  }
}

/** Every entry under dir (itself included) that is not a symlink, with its permission bits. */
function walk(dir: string, out: { path: string; mode: number }[] = []): { path: string; mode: number }[] {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return out;
  out.push({ path: dir, mode: stat.mode & 0o777 });
  if (stat.isDirectory()) for (const name of readdirSync(dir)) walk(join(dir, name), out);
  return out;
}

/**
 * Creates the data folder 0700 when missing; when present, refuses it if other users can write to
 * it or to anything in it (UnsafeDataDirError with the chmod that fixes it) and takes away group
 * and other read bits that older versions left. No-op for permissions on Windows (ACLs apply).
 */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
    return;
  }
  if (process.platform === 'win32') return;
  const entries = walk(dir);
  const writable = entries.find((e) => (e.mode & OTHERS_WRITE) !== 0);
  if (writable !== undefined) throw new UnsafeDataDirError(dir, writable.path);
  for (const e of entries) if ((e.mode & OTHERS_ANY) !== 0) chmodSync(e.path, e.mode & ~OTHERS_ANY);
}

/**
 * Makes every file this process creates from now on private (umask 077), so files a library
 * writes itself — PGlite's database files — are 0600 whatever the operator's umask. Returns false
 * where the umask cannot be changed (worker threads); callers then tighten after writing.
 */
export function usePrivateUmask(): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.umask(OTHERS_ANY);
    return true;
  } catch {
    return false;
  }
}

/** Takes group/other bits off everything under dir (the fallback when the umask cannot be set). */
export function tightenTree(dir: string): void {
  if (process.platform === 'win32' || !existsSync(dir)) return;
  for (const e of walk(dir)) if ((e.mode & OTHERS_ANY) !== 0) chmodSync(e.path, e.mode & ~OTHERS_ANY);
}
