import { readFileSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../../shared/license-file/canonical-json';
import { fail, ok, type Result } from '../../shared/result';
import { writeFileAtomic } from './atomic-file';
import { withFileLock } from './file-lock';
import { stateSealSchema, type StateSeal } from './state-seal';
import { emptyState, storeStateSchema, type StoreState } from './store-schema';
import { quarantineTampered } from './tampered-state';
import { hasErrorCode, mainLog } from './error-log';

/** File name of the agent state inside the data folder. */
export const STATE_FILE = 'state.json';

/** Reads and updates the agent state on disk, one change at a time, never leaving a torn file. */
export interface LicenseStore {
  readonly path: string;
  /**
   * Current state; STORE_CORRUPT or STATE_TAMPERED (once, after moving the bad file aside) when it could
   * not be read or failed its seal.
   */
  load(): Promise<Result<StoreState>>;
  /**
   * Applies a change atomically; when `change` returns a failure nothing is written. A change may wait
   * (an activation's lease check finishing while the lock is taken); the lock is held meanwhile.
   */
  update<T>(
    change: (
      state: StoreState,
    ) => Result<{ state: StoreState; value: T }> | Promise<Result<{ state: StoreState; value: T }>>,
  ): Promise<Result<T>>;
}

type Raw = { [key: string]: JsonValue | undefined };

const parseRaw = (text: string): Raw | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
  } catch (error) {
    // Not JSON at all: the caller moves the file aside as corrupt (STORE_CORRUPT).
    if (!(error instanceof SyntaxError)) throw error;
    return undefined;
  }
};

/**
 * Removes temp files of writes that never finished (a writer killed between write and rename). Only
 * called under the store's lock, where no live writer can own one.
 */
const removeLeftoverTemps = async (dataDir: string): Promise<void> => {
  const names = await readdir(dataDir).catch((error: unknown) => {
    // No data folder yet means no leftovers; anything else is logged and the cleanup skipped.
    if (!hasErrorCode(error, 'ENOENT')) mainLog().warn({ err: error }, 'Leftover temp files not checked');
    return [] as string[];
  });
  const leftovers = names.filter((name) => name.startsWith(`.${STATE_FILE}.`) && name.endsWith('.tmp'));
  await Promise.all(leftovers.map((name) => rm(join(dataDir, name), { force: true })));
};

/**
 * The last text each seal judged trusted per file (or that this process wrote through it), with the state
 * it held: the same bytes under the same seal (and so the same keychain secret) get the same verdict, so
 * reading them again skips the parse and the MAC. Any other text is read and checked in full.
 */
const trustedReads = new WeakMap<object, Map<string, { text: string; state: StoreState }>>();
const NO_SEAL = {};

const readsOf = (seal: StateSeal | undefined): Map<string, { text: string; state: StoreState }> => {
  const reads = trustedReads.get(seal ?? NO_SEAL) ?? new Map<string, { text: string; state: StoreState }>();
  trustedReads.set(seal ?? NO_SEAL, reads);
  return reads;
};

/** The state as plain JSON, the exact form that is sealed and written (undefined members dropped). */
const asJson = (state: StoreState): Raw => JSON.parse(JSON.stringify(state)) as Raw;

/**
 * Creates the JSON-file store in `dataDir` (mode 0600, atomic writes, corrupt files moved aside). With a
 * `seal`, every write carries an HMAC and a file that fails it is quarantined (STATE_TAMPERED).
 */
export const createLicenseStore = (
  dataDir: string,
  now: () => number = Date.now,
  seal?: StateSeal,
): LicenseStore => {
  const path = join(dataDir, STATE_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  let tempsChecked = false;
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    // The caller gets the failure through `next`; the queue only needs to go on to the next task.
    queue = next.catch(() => undefined);
    return next;
  };

  const write = async (state: StoreState): Promise<void> => {
    const body = asJson(state);
    const field = seal ? await seal.seal(body) : undefined;
    const text = `${JSON.stringify(field ? { ...body, seal: field } : body, null, 2)}\n`;
    await writeFileAtomic(path, text);
    // Bytes this process just wrote are trusted by construction (sealed with the keychain secret, or
    // honestly unsealed where no keychain answered): the next read of the same bytes (the next
    // activation's, a status) is a text compare, not a parse, a keychain question and a MAC.
    const written = storeStateSchema.safeParse(body);
    if (written.success) readsOf(seal).set(path, { text, state: written.data });
  };

  /**
   * The file is read with one synchronous call: it is a few kilobytes, read in tens of microseconds, where
   * the asynchronous read was four thread-pool round trips (open, stat, read, close), queued behind any
   * other work of the pool (an activation's read runs while its request is in flight; the one under the
   * lock delays everything after it).
   */
  const loadNow = async (): Promise<Result<StoreState>> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      // No state file is a fresh agent; one that exists but cannot be read must not be taken for empty
      // (the next write would replace the user's licenses).
      if (hasErrorCode(error, 'ENOENT')) return ok(emptyState());
      mainLog().error({ err: error }, 'The license store could not be read');
      return fail(
        'STORE_UNREADABLE',
        `The local license store ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check that it is a file you can read, then try again.`,
      );
    }
    const reads = readsOf(seal);
    const known = reads.get(path);
    if (known !== undefined && known.text === text) return ok(structuredClone(known.state));
    const raw = parseRaw(text);
    const { seal: sealField, ...body } = raw ?? {};
    const state = raw ? storeStateSchema.safeParse(body) : undefined;
    if (state?.success) {
      const verdict = seal ? await seal.check(body, sealField) : ok('trusted' as const);
      if (!verdict.ok) return verdict;
      if (verdict.value === 'trusted') {
        // Only a MAC that held is remembered: an unsealed file's verdict depends on whether a secret
        // exists yet, so it is asked again every time.
        if (seal === undefined || stateSealSchema.safeParse(sealField).data?.kind === 'keychain')
          reads.set(path, { text, state: structuredClone(state.data) });
        return ok(state.data);
      }
      return quarantineTampered(path, body, now(), write);
    }
    const aside = `${path}.corrupt-${now()}`;
    await rename(path, aside).catch((error: unknown) =>
      mainLog().error({ err: error, aside }, 'The corrupt license store could not be moved aside'),
    );
    return fail(
      'STORE_CORRUPT',
      `The local license store could not be read and was moved to ${aside}; activate your products or import your offline licenses again.`,
      { movedTo: aside },
    );
  };

  return {
    path,
    load: () => serialize(loadNow),
    update: (change) =>
      serialize(() =>
        withFileLock(`${path}.lock`, async () => {
          if (!tempsChecked) {
            await removeLeftoverTemps(dataDir);
            tempsChecked = true;
          }
          const current = await loadNow();
          if (!current.ok) return current;
          const result = await change(structuredClone(current.value));
          if (!result.ok) return result;
          await write(result.value.state);
          return ok(result.value.value);
        }),
      ),
  };
};
