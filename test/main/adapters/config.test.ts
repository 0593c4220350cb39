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
});
