import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { writeFileAtomic } from './atomic-file';
import { withFileLock } from './file-lock';
import { emptyState, storeStateSchema, type StoreState } from './store-schema';

/** File name of the agent state inside the data folder. */
export const STATE_FILE = 'state.json';

/** Reads and updates the agent state on disk, one change at a time, never leaving a torn file. */
export interface LicenseStore {
  readonly path: string;
  /** Current state; STORE_CORRUPT (once, after moving the bad file aside) when it could not be read. */
  load(): Promise<Result<StoreState>>;
  /** Applies a change atomically; when `change` returns a failure nothing is written. */
  update<T>(change: (state: StoreState) => Result<{ state: StoreState; value: T }>): Promise<Result<T>>;
}

const parse = (text: string): StoreState | undefined => {
  try {
    const parsed = storeStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Removes temp files of writes that never finished (a writer killed between write and rename). Only
 * called under the store's lock, where no live writer can own one.
 */
const removeLeftoverTemps = async (dataDir: string): Promise<void> => {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const leftovers = names.filter((name) => name.startsWith(`.${STATE_FILE}.`) && name.endsWith('.tmp'));
  await Promise.all(leftovers.map((name) => rm(join(dataDir, name), { force: true })));
};

/** Creates the JSON-file store in `dataDir` (mode 0600, atomic writes, corrupt files moved aside). */
export const createLicenseStore = (dataDir: string, now: () => number = Date.now): LicenseStore => {
  const path = join(dataDir, STATE_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  let tempsChecked = false;
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const loadNow = async (): Promise<Result<StoreState>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return ok(emptyState());
    }
    const state = parse(text);
    if (state) return ok(state);
    const aside = `${path}.corrupt-${now()}`;
    await rename(path, aside).catch(() => undefined);
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
          const result = change(structuredClone(current.value));
          if (!result.ok) return result;
          await writeFileAtomic(path, `${JSON.stringify(result.value.state, null, 2)}\n`);
          return ok(result.value.value);
        }),
      ),
  };
};
