import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The lock file inside a PGlite data folder; it names the process that holds the folder. */
export const LOCK_FILE = 'server.lock';

/** Who holds a data folder: the pid and what it is doing (a server, or one operator command). */
export interface LockHolder {
  readonly pid: number;
  readonly purpose: 'server' | 'operator-command';
  readonly since: string;
}

/** A held folder; releasing twice is harmless. */
export interface DataDirLock {
  release(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const isFresh = async (path: string): Promise<boolean> => {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs < 2_000;
};

const readHolder = async (path: string): Promise<LockHolder | undefined> => {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    return typeof value.pid === 'number' && value.pid > 0 ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
};

/** Which live process holds the folder, if any; a lock left by a crashed process counts as free. */
export async function dataDirHolder(dataDir: string): Promise<LockHolder | undefined> {
  const holder = await readHolder(join(dataDir, LOCK_FILE));
  return holder !== undefined && isAlive(holder.pid) && holder.pid !== process.pid ? holder : undefined;
}

/**
 * One process per PGlite folder: takes the folder exclusively (O_EXCL lock file with the pid) or answers
 * who holds it. A lock whose process is gone (crash, SIGKILL) is replaced at once, never waited on.
 */
export async function lockDataDir(
  dataDir: string,
  purpose: LockHolder['purpose'],
): Promise<{ ok: true; lock: DataDirLock } | { ok: false; holder: LockHolder }> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      const me: LockHolder = { pid: process.pid, purpose, since: new Date().toISOString() };
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      let released = false;
      return {
        ok: true,
        lock: {
          release: async () => {
            if (released) return;
            released = true;
            const current = await readHolder(path);
            if (current?.pid === process.pid) await unlink(path).catch(() => undefined);
          },
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(path);
      if (holder !== undefined && isAlive(holder.pid)) return { ok: false, holder };
      if (holder === undefined && (await isFresh(path))) {
        // Created this instant by a process still writing its pid: it holds the folder.
        return { ok: false, holder: { pid: 0, purpose: 'server', since: '' } };
      }
      // Left by a process that is gone (or half-written by one that died while writing): take it over.
      await unlink(path).catch(() => undefined);
    }
  }
  const holder = await readHolder(path);
  return { ok: false, holder: holder ?? { pid: 0, purpose: 'server', since: '' } };
}
