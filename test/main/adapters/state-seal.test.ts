import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeytarSecretStore } from '../../../src-main/adapters/keytar-secret-store';
import { createLicenseStore, STATE_FILE } from '../../../src-main/adapters/license-store';
import type { SecretStore } from '../../../src-main/adapters/secret-store';
import { createStateSeal, STATE_SEAL_ORIGIN, stateSealAccount } from '../../../src-main/adapters/state-seal';
import { emptyState } from '../../../src-main/adapters/store-schema';
import { fail, ok } from '../../../shared/result';
import { useTempDirs } from '../support-temp-dir';

// Real Secret Service from scripts/with-keychain.sh; the "no keychain" cases use a keychain that never answers.
const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const tempDir = useTempDirs();
const keychain = () => createKeytarSecretStore(STATE_SEAL_ORIGIN);
const noKeychain: SecretStore = {
  isAvailable: async () => false,
  get: async () => fail('KEYCHAIN_UNAVAILABLE', 'none'),
  set: async () => fail('KEYCHAIN_UNAVAILABLE', 'none'),
  delete: async () => fail('KEYCHAIN_UNAVAILABLE', 'none'),
};
const sealedStore = (dir: string, secrets: SecretStore = keychain()) =>
  createLicenseStore(dir, () => 1234, createStateSeal(secrets, dir));

const withOffline = (dir: string, secrets?: SecretStore) =>
  sealedStore(dir, secrets).update((state) => {
    state.lastTrustedTime = 1_000;
    state.offlineLicenses.kse = {
      content: 'armored text',
      licenseId: 'lic-1',
      fileName: 'KSE_x.lic',
      expiresAt: '2027-01-01T00:00:00.000Z',
      importedAt: 1,
    };
    return ok({ state, value: undefined });
  });

describe('sealed state file', () => {
  it.runIf(hasSession)(
    'seals every write with an HMAC keyed by a secret kept in the keychain, apart from API keys',
    async () => {
      const dir = await tempDir();
      await withOffline(dir);
      const written = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'));
      expect(written.seal).toMatchObject({
        kind: 'keychain',
        mac: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      });
      const secret = await keychain().get(stateSealAccount(dir));
      expect(secret.ok && secret.value).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(await readFile(join(dir, STATE_FILE), 'utf8')).not.toContain(
        secret.ok ? String(secret.value) : '?',
      );
      expect(await sealedStore(dir).load()).toMatchObject({ ok: true, value: { lastTrustedTime: 1_000 } });
    },
  );

  it.runIf(hasSession)(
    'quarantines a file edited by hand (STATE_TAMPERED) and then holds no licenses, with a note per product',
    async () => {
      const dir = await tempDir();
      await withOffline(dir);
      const path = join(dir, STATE_FILE);
      const edited = JSON.parse(await readFile(path, 'utf8'));
      edited.lastTrustedTime = 0;
      await writeFile(path, JSON.stringify(edited, null, 2));
      const first = await sealedStore(dir).load();
      expect(first.ok ? '' : first.error.code).toBe('STATE_TAMPERED');
      expect(first.ok ? '' : first.error.message).toMatch(
        /re-activate online or import your offline license again/,
      );
      expect(await readdir(dir)).toContain('state.json.tampered-1234');
      const after = await sealedStore(dir).load();
      expect(after.ok && after.value.offlineLicenses).toEqual({});
      expect(after.ok && after.value.notes.kse?.code).toBe('STATE_TAMPERED');
    },
  );

  it.runIf(hasSession)(
    'refuses a seal removed from a file once the data folder has a keychain secret',
    async () => {
      const dir = await tempDir();
      await withOffline(dir);
      const path = join(dir, STATE_FILE);
      const { seal: _seal, ...unsealed } = JSON.parse(await readFile(path, 'utf8'));
      await writeFile(path, JSON.stringify({ ...unsealed, seal: { kind: 'none' } }));
      const loaded = await sealedStore(dir).load();
      expect(loaded.ok ? '' : loaded.error.code).toBe('STATE_TAMPERED');
    },
  );

  it.runIf(hasSession)(
    'accepts the unsealed file an earlier version wrote, and seals it on the next write',
    async () => {
      const dir = await tempDir();
      const legacy = { ...emptyState(), lastTrustedTime: 77 };
      await writeFile(join(dir, STATE_FILE), JSON.stringify(legacy));
      expect(await sealedStore(dir).load()).toEqual(ok(legacy));
      await sealedStore(dir).update((state) => ok({ state, value: undefined }));
      expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')).seal.kind).toBe('keychain');
    },
  );

  it.runIf(hasSession)(
    'reads back its own first write, and a file another process sealed meanwhile',
    async () => {
      const dir = await tempDir();
      const mine = sealedStore(dir);
      const other = sealedStore(dir); // asked the keychain before any secret existed
      await mine.update((state) => ok({ state: { ...state, lastTrustedTime: 5 }, value: undefined }));
      expect(await mine.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 5 } });
      expect(await other.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 5 } });
    },
  );

  it.runIf(hasSession)(
    'a file changed after a trusted read is checked in full again: the same seal refuses the edit',
    async () => {
      const dir = await tempDir();
      const store = createLicenseStore(dir, () => 1234, createStateSeal(keychain(), dir));
      await store.update((state) => ok({ state: { ...state, lastTrustedTime: 1_000 }, value: undefined }));
      expect(await store.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 1_000 } });
      const path = join(dir, STATE_FILE);
      const edited = JSON.parse(await readFile(path, 'utf8'));
      edited.lastTrustedTime = 0;
      await writeFile(path, `${JSON.stringify(edited, null, 2)}\n`);
      const loaded = await store.load();
      expect(loaded.ok ? '' : loaded.error.code).toBe('STATE_TAMPERED');
    },
  );

  it.runIf(hasSession)(
    'unsealed bytes read as trusted before a secret existed are refused once another process sealed the folder',
    async () => {
      const dir = await tempDir();
      const path = join(dir, STATE_FILE);
      const legacy = JSON.stringify({ ...emptyState(), lastTrustedTime: 77 });
      await writeFile(path, legacy);
      const early = createLicenseStore(dir, () => 1234, createStateSeal(keychain(), dir));
      expect(await early.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 77 } });
      await sealedStore(dir).update((state) => ok({ state, value: undefined }));
      await writeFile(path, legacy);
      const loaded = await early.load();
      expect(loaded.ok ? '' : loaded.error.code).toBe('STATE_TAMPERED');
    },
  );

  it('without a keychain, reads back what it wrote itself without asking the keychain, and an edit in full', async () => {
    const dir = await tempDir();
    let asked = 0;
    const counting: SecretStore = {
      ...noKeychain,
      get: async (account) => ((asked += 1), noKeychain.get(account)),
    };
    const store = sealedStore(dir, counting);
    await store.update((state) => ok({ state: { ...state, lastTrustedTime: 5 }, value: undefined }));
    asked = 0;
    expect(await store.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 5 } });
    await store.update((state) => ok({ state, value: undefined }));
    // The update's own read, like the load, is a text compare; only its seal asks the keychain.
    expect(asked).toBe(1);
    const path = join(dir, STATE_FILE);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"lastTrustedTime": 5', '"lastTrustedTime": 6'));
    // Other bytes are parsed and judged again (without a keychain an unsealed file stands).
    expect(await store.load()).toMatchObject({ ok: true, value: { lastTrustedTime: 6 } });
  });

  it('without a keychain writes an honest "none" seal, and never reads a keychain-sealed file as trusted', async () => {
    const dir = await tempDir();
    await withOffline(dir, noKeychain);
    expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')).seal).toEqual({ kind: 'none' });
    expect((await sealedStore(dir, noKeychain).load()).ok).toBe(true);
    const path = join(dir, STATE_FILE);
    const forged = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...forged, seal: { kind: 'keychain', mac: 'x' } }));
    const loaded = await sealedStore(dir, noKeychain).load();
    expect(loaded.ok ? '' : loaded.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(await readFile(path, 'utf8')).toContain('"mac":"x"');
  });
});
