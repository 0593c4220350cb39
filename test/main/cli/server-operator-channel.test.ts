import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sendOperatorCommand } from '../../../src-server/operator/operator-channel';
import { runOperatorCli } from '../../support/operator-cli';
import { runTessera, spawnTessera, waitFor } from '../support-cli';

vi.mock('electron', () => import('../electron/electron-mock'));

// Every server that holds a PGlite folder carries out operator commands for it (one process per folder):
// `tessera server` and the desktop app's embedded server, not only `tessera-server serve`.

const folders: string[] = [];
const tempFolder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-channel-'));
  folders.push(dir);
  return dir;
};

describe('operator channel of every server on a PGlite folder', { timeout: 300_000 }, () => {
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('`tessera server` carries out `init` for its folder, and a second one on it says DATA_DIR_IN_USE', async () => {
    const dataDir = tempFolder();
    const env = { TESSERA_HOME: tempFolder(), DATABASE_URL: '', TESSERA_LOG_LEVEL: 'warn' };
    const server = spawnTessera(['server', '--port', '0', '--server-data-dir', dataDir], env);
    try {
      await waitFor(() => /listening on/.test(server.stdout), 180_000);
      const init = await runOperatorCli([
        '--data-dir',
        dataDir,
        'init',
        '--account',
        'Acme',
        '--email',
        'owner@acme.test',
      ]);
      expect(init.stderr).not.toMatch(/DATA_DIR_IN_USE/);
      expect(init.code).toBe(0);
      expect(init.fields.apiKey).toMatch(/^tsk_/);
      const second = await runTessera(['server', '--port', '0', '--server-data-dir', dataDir], env);
      expect(second.code).toBe(3);
      expect(second.stderr).toMatch(/^tessera: DATA_DIR_IN_USE: Another Tessera process \(pid \d+, server\)/);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });

  it("the desktop app's embedded server answers operator commands for the app's server folder", async () => {
    const { startEmbeddedLicenseServer } = await import('../../../src-main/electron/desktop-deps');
    const dataDir = tempFolder();
    const server = await startEmbeddedLicenseServer({ host: '127.0.0.1', port: 0, dataDir });
    try {
      const answer = await sendOperatorCommand(dataDir, ['account', 'list', '--json']);
      expect(answer.stderr).toBe('');
      expect(answer.exitCode).toBe(0);
      expect(JSON.parse(answer.stdout)).toEqual(expect.any(Array));
    } finally {
      await server.close();
    }
    await expect(sendOperatorCommand(dataDir, ['account', 'list'])).rejects.toThrow();
  });
});
