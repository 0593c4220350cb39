import { chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/config/default-data-dir';
import { loadConfig, saveServerChoice } from '../../../src-main/config/load-config';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

describe('config', () => {
  it('uses TESSERA_HOME when set, else the OS convention', () => {
    expect(defaultDataDir({ TESSERA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/tessera');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Tessera');
    expect(defaultDataDir({ APPDATA: 'C:\\AppData' }, 'win32', 'C:\\u')).toMatch(/Tessera$/);
  });

  it('reads the server URL from the environment, then from config.json, trimming the slash', async () => {
    const dir = await tempDir();
    const fromEnv = await loadConfig({}, { TESSERA_HOME: dir, TESSERA_SERVER_URL: 'http://127.0.0.1:8080/' });
    expect(fromEnv.ok && fromEnv.value.serverUrl).toBe('http://127.0.0.1:8080');
    await saveServerChoice(dir, { mode: 'remote', url: 'http://127.0.0.1:9090' });
    const fromFile = await loadConfig({}, { TESSERA_HOME: dir });
    expect(fromFile.ok && fromFile.value.serverUrl).toBe('http://127.0.0.1:9090');
  });

  it('refuses a server URL that is not http(s) with a sentence', async () => {
    const dir = await tempDir();
    const result = await loadConfig({ dataDir: dir, serverUrl: 'ftp://example.com' }, {});
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The server URL must be an http:// or https:// address.',
    });
  });

  it.skipIf(process.platform === 'win32')('creates the data folder 0700 whatever the umask', async () => {
    const dir = join(await tempDir(), 'agent-home');
    const umask = process.umask(0o022);
    try {
      expect((await loadConfig({ dataDir: dir }, {})).ok).toBe(true);
    } finally {
      process.umask(umask);
    }
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a data folder other users can write, naming the chmod that fixes it',
    async () => {
      const dir = await tempDir();
      await chmod(dir, 0o777);
      const result = await loadConfig({ dataDir: dir }, {});
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.message).toContain(`chmod -R go-rwx '${dir}'`);
    },
  );
});
