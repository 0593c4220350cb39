import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-server/config';
import { startServer } from '../../src-server/server';

// The server's data folder (PGlite files, master.key) is private whatever the operator's umask,
// and a folder other users can write is refused at start with the command that fixes it.

const modes = (dir: string, out: { path: string; mode: number }[] = []) => {
  const stat = lstatSync(dir);
  out.push({ path: dir, mode: stat.mode & 0o777 });
  if (stat.isDirectory()) for (const name of readdirSync(dir)) modes(join(dir, name), out);
  return out;
};

describe.skipIf(process.platform === 'win32')('private data folder', () => {
  let root = '';
  let umask = 0;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tessera-private-'));
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('with umask 022, no file or folder the server writes is readable or writable by group or others', async () => {
    const dataDir = join(root, 'fresh');
    const server = await startServer(
      loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 }),
    );
    await server.close();
    const entries = modes(dataDir);
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
    expect(entries[0]?.mode).toBe(0o700);
    expect(entries.find((e) => e.path.endsWith('master.key'))?.mode).toBe(0o600);
  });

  it('refuses a data folder others can write, naming chmod -R go-rwx', async () => {
    const dataDir = join(root, 'open');
    const server = await startServer(
      loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 }),
    );
    await server.close();
    chmodSync(dataDir, 0o777);
    await expect(
      startServer(loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 })),
    ).rejects.toThrow(`chmod -R go-rwx '${dataDir}'`);
  });

  it('refuses a world-writable file inside the folder (an older version’s PGlite files)', async () => {
    const dataDir = join(root, 'old-files');
    const server = await startServer(
      loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 }),
    );
    await server.close();
    chmodSync(join(dataDir, 'pgdata', 'PG_VERSION'), 0o666);
    await expect(
      startServer(loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 })),
    ).rejects.toThrow(/can be changed by other users .*PG_VERSION\).*chmod -R go-rwx/);
  });
});
