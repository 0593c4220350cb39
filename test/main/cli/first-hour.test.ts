import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServerProcess, type ServerProcess } from '../../support/server-process';
import { runTessera } from '../support-cli';
import { useTempDirs } from '../support-temp-dir';

const exec = promisify(execFile);
const tempDir = useTempDirs();
// A newcomer's home folder: `npm run server` keeps its data in ~/.tessera-server and publishes its public
// root there, which the agent of this evaluation build (no vendor root) trusts.
const newcomerHome = mkdtempSync(join(tmpdir(), 'tessera-readme-'));
const serverDir = join(newcomerHome, '.tessera-server');

/** `npm run server -- …` as the README writes it, against the folder the running server holds. */
const operator = async (...args: string[]): Promise<Record<string, string>> => {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', TESSERA_DATA_DIR: serverDir },
  });
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.includes(': '))
      .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
  );
};

describe("the README's first hour, on a fresh folder", { timeout: 600_000 }, () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(newcomerHome, { recursive: true, force: true });
  });

  it('server → init → login → activate → status → offline license made with the CLI and imported → CI key', async () => {
    server = await spawnServerProcess({ TESSERA_DATA_DIR: serverDir, DATABASE_URL: '' });
    const owner = await operator('init', '--account', 'Acme', '--email', 'owner@acme.test');
    const year = { start: '2026-01-01T00:00:00Z', end: `${new Date().getUTCFullYear() + 2}-01-01T00:00:00Z` };
    for (const [product, kind] of [
      ['kre', 'session'],
      ['kse', 'per-user'],
    ] as const) {
      await operator(
        'subscription',
        'create',
        '--org',
        owner.orgId ?? '',
        '--product',
        product,
        '--kind',
        kind,
        '--quota',
        '3',
        '--cycle',
        'annual',
        '--start',
        year.start,
        '--end',
        year.end,
      );
    }

    const home = { TESSERA_HOME: await tempDir(), HOME: newcomerHome };
    const login = await runTessera(['login', '--server', server.url], home, `${owner.apiKey}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect((await runTessera(['activate', 'kre'], home)).code).toBe(0);
    const status = await runTessera(['status', '--product', 'kre'], home);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('may run');

    const machineId = (await runTessera(['machine-id'], home)).stdout.trim();
    const outDir = await tempDir();
    const made = await operator(
      'offline',
      'create',
      '--org',
      owner.orgId ?? '',
      '--product',
      'kse',
      '--machine',
      machineId,
      '--out',
      outDir,
    );
    expect(made.file).toBe(join(outDir, `KSE_${machineId}.lic`));
    const imported = await runTessera(['import', made.file ?? ''], home);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await runTessera(['status', '--product', 'kse'], home)).code).toBe(0);

    const ci = {
      HOME: newcomerHome,
      TESSERA_HOME: await tempDir(),
      TESSERA_SERVER_URL: server.url,
      TESSERA_API_KEY: owner.apiKey ?? '',
      DBUS_SESSION_BUS_ADDRESS: '',
    };
    const run = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], ci);
    expect(run.code, run.stderr).toBe(0);
  });
});
