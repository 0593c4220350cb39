import { describe, expect, it } from 'vitest';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useOnlineWorld } from '../support-online';
import { runTessera, spawnTessera, waitFor } from '../support-cli';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 2, machineQuota: 5 }]);
const hold = (ms: number) => ['node', '-e', `setTimeout(() => process.exit(0), ${ms})`];

describe('tessera CLI end to end (real server, real keychain)', () => {
  it('R20 login → activate → status → run under a session → deactivate', async () => {
    const env = { TESSERA_HOME: await tempDir() };
    const id = await runTessera(['machine-id'], env);
    expect(id.code).toBe(0);
    expect(id.stdout.trim()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const again = await runTessera(['machine-id'], { TESSERA_HOME: await tempDir() });
    expect(again.stdout).toBe(id.stdout); // R12: same user, same hardware, another run → same ID

    const login = await runTessera(['login', '--server', world.url], env, `${world.org.member.apiKey}\n`);
    expect(login.stderr + login.stdout).not.toContain(world.org.member.apiKey);
    expect(login.code).toBe(0);

    const activate = await runTessera(['activate', 'kre'], env);
    expect(activate.code).toBe(0);
    expect(activate.stderr).toContain('Contacting the license server');
    expect(activate.stdout).toContain('may run');

    const status = await runTessera(['status', '--json'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).products).toMatchObject([
      { productId: 'kre', canRun: true, source: 'lease' },
    ]);

    const run = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(7)'], env);
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/Session .* released/);
    const after = JSON.parse((await runTessera(['status', '--json'], env)).stdout);
    expect(after.products[0].session).toBeNull();

    const deactivate = await runTessera(['deactivate', 'kre'], env);
    expect(deactivate.code).toBe(0);
    expect(deactivate.stdout).toContain('Deactivated kre on this machine');
  });

  it('R21 parallel KRE sessions reaching the quota: the next one is refused with the quota sentence (exit 3)', async () => {
    const env = { TESSERA_HOME: await tempDir() };
    expect((await runTessera(['login', '--server', world.url], env, world.org.owner.apiKey)).code).toBe(0);
    const holders = [1, 2].map(() => spawnTessera(['run', '--product', 'kre', '--', ...hold(60_000)], env));
    await waitFor(() => holders.every((h) => h.stderr.includes('started')), 60_000);
    const third = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], env);
    expect(third.code).toBe(3);
    expect(third.stderr.trim().split('\n').at(-1)).toMatch(/^tessera: .*\. \(SESSION_QUOTA_EXCEEDED\)$/);
    for (const h of holders) h.process.kill('SIGINT');
    expect(await Promise.all(holders.map((h) => h.exited))).toEqual([130, 130]);
    const fourth = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], env);
    expect(fourth.code).toBe(0);
  });

  it('documents its exit codes: usage 2, refused 3, server unavailable 4, not signed in 6', async () => {
    const home = await tempDir();
    expect((await runTessera(['no-such-command'], { TESSERA_HOME: home })).code).toBe(2);
    expect((await runTessera(['import', join(home, 'missing.lic')], { TESSERA_HOME: home })).code).toBe(2);
    expect((await runTessera(['status', '--product', 'kse'], { TESSERA_HOME: home })).code).toBe(3);
    const notSignedIn = await runTessera(['activate', 'kre'], { TESSERA_HOME: home });
    expect(notSignedIn.code).toBe(6);
    expect(notSignedIn.stderr).toMatch(/^tessera: No license server is configured/);
    // A key for this process only (CI), so the unreachable server is met at activation, not at login.
    const offline = {
      TESSERA_HOME: await tempDir(),
      TESSERA_SERVER_URL: 'http://127.0.0.1:9',
      TESSERA_API_KEY: 'tsk_a-key-for-this-run',
    };
    const gone = await runTessera(['activate', 'kre'], offline);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/cannot be reached.*\(SERVER_UNREACHABLE\)/);
    expect((await runTessera(['--help'], { TESSERA_HOME: home })).code).toBe(0);
    expect((await runTessera(['session', 'start', '--help'], { TESSERA_HOME: home })).code).toBe(0);
  });

  it('releases the session and forwards the signal when `run` is stopped with SIGTERM', async () => {
    const env = { TESSERA_HOME: await tempDir() };
    expect((await runTessera(['login', '--server', world.url], env, world.org.admin.apiKey)).code).toBe(0);
    const child = spawnTessera(['run', '--product', 'kre', '--', ...hold(30_000)], env);
    await waitFor(() => child.stderr.includes('started'));
    child.process.kill('SIGTERM');
    const code = await child.exited;
    expect(code).toBe(143);
    expect(child.stderr).toMatch(/Session .* released/);
    const status = JSON.parse((await runTessera(['status', '--json'], env)).stdout);
    expect(status.products[0].session).toBeNull();
  });

  it('`session start` holds a session in the foreground until Ctrl-C, then releases it', async () => {
    const env = { TESSERA_HOME: await tempDir() };
    expect((await runTessera(['login', '--server', world.url], env, world.org.admin.apiKey)).code).toBe(0);
    const holder = spawnTessera(['session', 'start', '--product', 'kre'], env);
    await waitFor(() => holder.stdout.includes('Holding session'));
    const held = JSON.parse((await runTessera(['status', '--json'], env)).stdout);
    expect(held.products[0].session).not.toBeNull();
    holder.process.kill('SIGINT');
    expect(await holder.exited).toBe(0);
    expect(holder.stderr).toMatch(/Session .* released/);
  });

  it('exits 5 with a plain sentence when no OS keychain is available', async () => {
    const result = await runTessera(
      ['login', '--server', world.url],
      { TESSERA_HOME: await tempDir(), DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' },
      'tsk_whatever\n',
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/never stored in plain text/);
  });

  it('reports a corrupt state file once (exit 7), moves it aside, and carries on', async () => {
    const home = await tempDir();
    await writeFile(join(home, 'state.json'), '{ half a file');
    const first = await runTessera(['status'], { TESSERA_HOME: home });
    expect(first.code).toBe(7);
    expect(first.stderr).toMatch(/moved to .*state\.json\.corrupt-\d+.*\(STORE_CORRUPT\)/);
    expect((await runTessera(['status'], { TESSERA_HOME: home })).code).toBe(0);
  });

  it('refuses a license file over 1 MB before reading it (FILE_TOO_LARGE, exit 3)', async () => {
    const home = await tempDir();
    const file = join(home, 'KSE_big.lic');
    await writeFile(file, '');
    await truncate(file, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing on disk
    const result = await runTessera(['import', file, '--product', 'kse'], { TESSERA_HOME: home });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('(FILE_TOO_LARGE)');
  });

  it('refuses a garbage license file with a sentence and no stack trace', async () => {
    const home = await tempDir();
    const file = join(home, 'KSE_x.lic');
    await writeFile(file, 'not a license');
    const result = await runTessera(['import', file], { TESSERA_HOME: home });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^tessera: .*\(MALFORMED\)\n$/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
