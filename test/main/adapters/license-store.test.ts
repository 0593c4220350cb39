import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, fail } from '../../../shared/result';
import { createLicenseStore } from '../../../src-main/adapters/license-store';
import { emptyState } from '../../../src-main/adapters/store-schema';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

describe('license store', () => {
  it('starts empty and persists an update with mode 0600', async () => {
    const dir = await tempDir();
    const store = createLicenseStore(dir);
    expect(await store.load()).toEqual(ok(emptyState()));
    const result = await store.update((state) =>
      ok({ state: { ...state, lastTrustedTime: 42 }, value: 'done' }),
    );
    expect(result).toEqual(ok('done'));
    expect(await createLicenseStore(dir).load()).toMatchObject({ ok: true, value: { lastTrustedTime: 42 } });
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when the change is refused', async () => {
    const dir = await tempDir();
    const store = createLicenseStore(dir);
    await store.update((state) => ok({ state: { ...state, lastTrustedTime: 1 }, value: undefined }));
    const before = await readFile(store.path);
    const result = await store.update(() => fail('EXPIRED', 'no'));
    expect(result.ok).toBe(false);
    expect(await readFile(store.path)).toEqual(before);
  });

  it('serializes concurrent updates so none is lost', async () => {
    const store = createLicenseStore(await tempDir());
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update((state) =>
          ok({ state: { ...state, lastTrustedTime: state.lastTrustedTime + 1 }, value: undefined }),
        ),
      ),
    );
    const loaded = await store.load();
    expect(loaded.ok && loaded.value.lastTrustedTime).toBe(20);
  });

  it('loses no update when several processes write the same store', async () => {
    const dir = await tempDir();
    const writer = (count: number) =>
      new Promise<void>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'test/main/fixtures/store-writer.ts', dir, String(count)],
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    await Promise.all([writer(25), writer(25), writer(25)]);
    expect(await createLicenseStore(dir).load()).toMatchObject({ ok: true, value: { lastTrustedTime: 75 } });
  });

  it.each([['not json {'], ['{"version":2}'], ['[]'], ['']])(
    'moves a corrupt store aside and reports STORE_CORRUPT (%j)',
    async (content) => {
      const dir = await tempDir();
      await writeFile(join(dir, 'state.json'), content);
      const store = createLicenseStore(dir, () => 1234);
      const first = await store.load();
      expect(first.ok ? undefined : first.error.code).toBe('STORE_CORRUPT');
      expect(await readFile(join(dir, 'state.json.corrupt-1234'), 'utf8')).toBe(content);
      expect(await store.load()).toEqual(ok(emptyState()));
    },
  );
});
