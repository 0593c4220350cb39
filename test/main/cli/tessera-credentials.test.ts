import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../support/postgres-cluster';
import { useOnlineWorld } from '../support-online';
import { runTessera, spawnTessera, waitFor } from '../support-cli';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 2, machineQuota: 5 }]);
/** A shell with no Secret Service: what a headless CI box looks like. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' };

const savedConfig = async (home: string): Promise<string> =>
  readFile(join(home, 'config.json'), 'utf8').catch(() => '(none)');

describe('tessera login checks the key before storing it', () => {
  it('refuses a server nobody listens on (exit 4) and stores neither key nor URL', async () => {
    const home = await tempDir();
    const dead = `http://127.0.0.1:${await freePort()}`;
    const login = await runTessera(['login', '--server', dead], { TESSERA_HOME: home }, 'tsk_whatever\n');
    expect(login.code).toBe(4);
    expect(login.stderr).toMatch(/\((SERVER_UNREACHABLE|SERVER_UNAVAILABLE)\)$/m);
    expect(login.stdout).not.toContain('Signed in');
    expect(await savedConfig(home)).toBe('(none)');
  });

  it('refuses https:// against a plain HTTP server (exit 4), nothing stored', async () => {
    const home = await tempDir();
    const https = world.url.replace('http://', 'https://');
    const login = await runTessera(['login', '--server', https], { TESSERA_HOME: home }, 'tsk_whatever\n');
    expect(login.code).toBe(4);
    expect(await savedConfig(home)).toBe('(none)');
  });

  it('refuses a key the server rejects (exit 3) and stores nothing', async () => {
    const home = await tempDir();
    const login = await runTessera(['login', '--server', world.url], { TESSERA_HOME: home }, 'tsk_nope\n');
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(/\(INVALID_API_KEY\)$/m);
    expect(await savedConfig(home)).toBe('(none)');
    const status = await runTessera(['activate', 'kre', '--server', world.url], { TESSERA_HOME: home });
    expect(status.stderr).toMatch(/\(NO_API_KEY\)$/m);
  });
});

describe('CI credentials: the API key for one process, never stored', () => {
  it('activates and runs with TESSERA_API_KEY on a box without a keychain', async () => {
    const env = {
      ...NO_KEYCHAIN,
      TESSERA_HOME: await tempDir(),
      TESSERA_SERVER_URL: world.url,
      TESSERA_API_KEY: world.org.member.apiKey,
    };
    const activate = await runTessera(['activate', 'kre'], env);
    expect(activate.stderr).not.toContain(world.org.member.apiKey);
    expect(activate.code).toBe(0);
    const run = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(3)'], env);
    expect(run.code).toBe(3);
    // Without the variable nothing remains: the key was never written anywhere.
    const { TESSERA_API_KEY: _unused, ...without } = env;
    const after = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', '0'], without);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/\((KEYCHAIN_UNAVAILABLE|NO_API_KEY)\)$/m);
  });

  it('takes the key from stdin with --api-key-stdin', async () => {
    const env = { ...NO_KEYCHAIN, TESSERA_HOME: await tempDir(), TESSERA_SERVER_URL: world.url };
    const activate = await runTessera(
      ['--api-key-stdin', 'activate', 'kre'],
      env,
      `${world.org.member.apiKey}\n`,
    );
    expect(activate.stderr).not.toContain('tessera:');
    expect(activate.code).toBe(0);
    const empty = await runTessera(['--api-key-stdin', 'activate', 'kre'], env, '');
    expect(empty.code).toBe(2);
  });

  it('refuses to store a process key with login, saying where it came from', async () => {
    const env = { TESSERA_HOME: await tempDir(), TESSERA_API_KEY: world.org.member.apiKey };
    const login = await runTessera(['login', '--server', world.url], env, `${world.org.member.apiKey}\n`);
    expect(login.code).not.toBe(0);
    expect(login.stderr).toContain('TESSERA_API_KEY');
  });
});

describe('tessera session start', () => {
  it('exits with the reason when its session is released elsewhere', async () => {
    const env = { TESSERA_HOME: await tempDir(), TESSERA_SERVER_URL: world.url };
    const key = { TESSERA_API_KEY: world.org.member.apiKey };
    const holder = spawnTessera(['session', 'start', '--product', 'kre'], { ...env, ...key });
    await waitFor(() => holder.stdout.includes('Holding session'));
    const stop = await runTessera(['session', 'stop', '--product', 'kre'], { ...env, ...key });
    expect(stop.code).toBe(0);
    const code = await Promise.race([
      holder.exited,
      new Promise<number>((resolve) => setTimeout(() => resolve(-99), 15_000)),
    ]);
    if (code === -99) holder.process.kill('SIGKILL');
    expect(code).toBe(3);
    expect(holder.stderr).toMatch(/the kre session ended: .*\(SESSION_ENDED\)/);
  });
});
