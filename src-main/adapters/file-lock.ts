import { unlinkSync } from 'node:fs';
import { readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import type { lock as Lock } from 'proper-lockfile';
import { sleep } from './retry-policy';
import { hasErrorCode, mainLog } from './error-log';

/** A lock whose holder stopped refreshing it (hung, or killed before it recorded its pid) is taken over after this. */
export const LOCK_STALE_MS = 5_000;
/** The holder's pid, beside the lock (proper-lockfile's lock folder must stay empty). */
const ownerFile = (lockPath: string): string => `${lockPath}.owner`;

/**
 * proper-lockfile, loaded with the first lock: on import it hooks process exit (signal-exit) and clones
 * `fs` (graceful-fs), work that a run which only reads the state (`tessera status`, most of the time) skips.
 * The module is kept once loaded: a dynamic import per lock went through the module loader every time.
 */
let lockModule: Promise<{ lock: typeof Lock }> | undefined;
const lock: typeof Lock = async (file, options) => {
  lockModule ??= import('proper-lockfile').then((module) => module.default);
  return (await lockModule).lock(file, options);
};

const isLocked = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ELOCKED';

/** True when `pid` names no process on this machine: a holder that was killed or crashed. */
const isDead = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

const ownerOf = async (lockPath: string): Promise<number | undefined> => {
  // No owner file yet: the holder took the lock but has not recorded its pid (LOCK_STALE_MS covers it).
  const text = await readFile(ownerFile(lockPath), 'utf8').catch((error: unknown) => {
    if (!hasErrorCode(error, 'ENOENT')) throw error;
    return undefined;
  });
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

/**
 * Removes a lock whose holder is dead, at once instead of after LOCK_STALE_MS. Breaking is itself done under
 * a (proper-lockfile) lock and re-checks the owner there, so two waiters never both break it, and a
 * lock a live process took in between is never removed.
 */
const breakIfHolderDied = async (lockPath: string): Promise<boolean> => {
  const owner = await ownerOf(lockPath);
  if (owner === undefined || owner === process.pid || !isDead(owner)) return false;
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lock(lockPath, {
      lockfilePath: `${lockPath}.break`,
      realpath: false,
      stale: LOCK_STALE_MS,
    });
  } catch (error) {
    if (isLocked(error)) return false;
    throw error;
  }
  try {
    if ((await ownerOf(lockPath)) !== owner) return false;
    await rm(ownerFile(lockPath), { force: true });
    await rmdir(lockPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    return true;
  } finally {
    await release();
  }
};

/**
 * Cross-process mutual exclusion (proper-lockfile: an atomic mkdir refreshed while held), so several
 * `tessera` processes and the app never lose each other's updates to the same state file. A lock left by
 * a killed holder is recovered at once (its pid is recorded in the lock); one left by a hung holder after
 * LOCK_STALE_MS without a refresh.
 */
export const withFileLock = async <T>(lockPath: string, task: () => Promise<T>): Promise<T> => {
  const target = lockPath.replace(/\.lock$/, '');
  let release: () => Promise<void>;
  for (let attempt = 0; ; attempt += 1) {
    try {
      release = await lock(target, {
        lockfilePath: lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        // Refreshing is best effort: a compromised lock is reported by the next holder's own check.
        onCompromised: () => undefined,
      });
      break;
    } catch (error) {
      if (!isLocked(error)) throw error;
      if (!(await breakIfHolderDied(lockPath))) await sleep(Math.min(100, 5 + attempt * 5));
    }
  }
  // The pid is recorded while the task runs: it only lets a waiter break the lock of a holder that died
  // at once (without it, LOCK_STALE_MS does), so the task need not wait for it.
  const recorded = writeFile(ownerFile(lockPath), String(process.pid)).catch((error: unknown) =>
    mainLog().warn({ err: error }, 'The lock holder could not be recorded'),
  );
  try {
    return await task();
  } finally {
    await recorded;
    // A record that cannot be removed must not keep the lock: a later waiter finds this pid alive or dead.
    // One synchronous unlink (microseconds) rather than a thread-pool round trip while the lock is held.
    try {
      unlinkSync(ownerFile(lockPath));
    } catch (error) {
      if (!hasErrorCode(error, 'ENOENT'))
        mainLog().warn({ err: error }, 'The lock holder record was left behind');
    }
    await release();
  }
};
