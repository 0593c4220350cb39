import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_STALE_MS } from '../../src-main/adapters/file-lock';
import { createLicenseStore, STATE_FILE } from '../../src-main/adapters/license-store';
import { STRESS } from './support/load';

// The writer child (shared with test/main) bumps lastTrustedTime by one per atomic store update.
const WRITER = 'test/main/fixtures/store-writer.ts';
const KILLS = STRESS ? 40 : 20;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const trustedTime = async (dir: string): Promise<number> => {
  const loaded = await createLicenseStore(dir).load();
  if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
  return loaded.value.lastTrustedTime;
};

/** Starts a writer, lets it write until the state moved past `from`, then SIGKILLs it mid-stream. */
async function killWhileWriting(dir: string, from: number, extraMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, '1000000'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const started = Date.now();
  while ((await trustedTime(dir)) <= from && Date.now() - started < 30_000)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, extraMs));
  child.kill('SIGKILL');
  await exited;
}

describe('agent killed while writing its license store', () => {
  it('every next start finds the old state or the new one, never a broken one, is not locked out, and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-kill-'));
    dirs.push(dir);
    let last = 0;
    for (let k = 0; k < KILLS; k += 1) {
      await killWhileWriting(dir, last, 20 + ((k * 37) % 150));
      const now = await trustedTime(dir);
      expect(now).toBeGreaterThan(last);
      last = now;
      expect((await readdir(dir)).filter((f) => f.includes('corrupt'))).toEqual([]);
    }
    // The next update goes through, recovering any lock the last victim left, and removes the temp files
    // of interrupted writes. A victim killed after it recorded its pid is recovered at once; one killed
    // between taking the lock and recording its pid only after the stale period. Either way it is never a
    // lock-out: the bound is the stale period plus slack for a loaded machine, not a speed goal.
    const store = createLicenseStore(dir);
    const started = Date.now();
    const updated = await store.update((state) => ({
      ok: true,
      value: { state: { ...state, lastTrustedTime: state.lastTrustedTime + 1 }, value: undefined },
    }));
    expect(Date.now() - started).toBeLessThan(LOCK_STALE_MS + 10_000);
    expect(updated.ok).toBe(true);
    expect(await trustedTime(dir)).toBe(last + 1);
    const left = await readdir(dir);
    expect(left.filter((f) => f === STATE_FILE)).toHaveLength(1);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left.filter((f) => f.includes('.lock'))).toEqual([]);
  });
});
