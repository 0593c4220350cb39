import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ROOT_FILE } from '../../../src-main/services/trust-setup';
import { useOnlineWorld } from '../support-online';
import { waitFor } from '../support-cli';
import { buildBundles, CLI_BUNDLE, isAlive, spawnCollected } from '../support-bundle';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 5, machineQuota: 5 }]);

/** A child that prints its pid, reports each stop signal it receives, and exits with `code` on it. */
const trapping = (code: number) => [
  'node',
  '-e',
  `for (const s of ['SIGINT','SIGTERM','SIGHUP']) process.on(s, () => { console.log('child got ' + s); process.exit(${code}); });
   console.log('child pid ' + process.pid); setInterval(() => {}, 1000);`,
];
/** A child that prints its pid and keeps the default action for every signal (dies by it). */
const plain = ['node', '-e', `console.log('child pid ' + process.pid); setInterval(() => {}, 1000);`];

const childPid = (stdout: string): number => Number(/child pid (\d+)/.exec(stdout)?.[1]);

/** Runs the bundled CLI to completion, `stdin` piped in. */
const runBundle = async (args: string[], env: NodeJS.ProcessEnv, stdin = '') => {
  const run = spawnCollected(['node', CLI_BUNDLE, ...args], env, stdin);
  return { code: await run.exited, stdout: run.stdout };
};

/**
 * The bundle is a shipped build: it ignores the test hooks and, shipping no vendor root, is an evaluation
 * build that trusts license servers on this machine. So each run gets a home folder where this file's
 * server has published its public root (`~/.tessera-server/trust-root.public.json`).
 */
const homeWithLocalServer = async (): Promise<string> => {
  const home = await tempDir();
  await mkdir(join(home, '.tessera-server'), { recursive: true });
  const roots = await readFile(process.env.TESSERA_TEST_TRUST_ROOTS ?? '', 'utf8');
  await writeFile(join(home, '.tessera-server', LOCAL_ROOT_FILE), roots);
  return home;
};

const signedIn = async (): Promise<NodeJS.ProcessEnv> => {
  const env = { TESSERA_HOME: await tempDir(), HOME: await homeWithLocalServer() };
  expect((await runBundle(['login', '--server', world.url], env, world.org.admin.apiKey)).code).toBe(0);
  return env;
};

const sessionOf = async (env: NodeJS.ProcessEnv): Promise<unknown> =>
  JSON.parse((await runBundle(['status', '--json'], env)).stdout).products[0].session;

describe('`tessera run` signals and exit codes (the bundled CLI, as users start it)', () => {
  beforeAll(buildBundles, 120_000);

  for (const [signal, code] of [
    ['SIGINT', 42],
    ['SIGTERM', 43],
    ['SIGHUP', 44],
  ] as const) {
    it(`forwards ${signal} to the child, waits for it, releases the session and exits with its code (${code})`, async () => {
      const env = await signedIn();
      const run = spawnCollected(
        ['node', CLI_BUNDLE, 'run', '--product', 'kre', '--', ...trapping(code)],
        env,
      );
      await waitFor(() => run.stdout.includes('child pid'));
      run.process.kill(signal);
      expect(await run.exited).toBe(code);
      expect(run.stdout).toContain(`child got ${signal}`);
      expect(run.stderr).toMatch(/Session .* released/);
      expect(isAlive(childPid(run.stdout))).toBe(false);
      expect(await sessionOf(env)).toBeNull();
    });
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`exits 128 + the signal's number (${code}) when the child dies by ${signal}`, async () => {
      const env = await signedIn();
      const run = spawnCollected(['node', CLI_BUNDLE, 'run', '--product', 'kre', '--', ...plain], env);
      await waitFor(() => run.stdout.includes('child pid'));
      run.process.kill(signal);
      expect(await run.exited).toBe(code);
      expect(isAlive(childPid(run.stdout))).toBe(false);
      expect(await sessionOf(env)).toBeNull();
    });
  }

  it('Ctrl-C reaching both processes (the terminal signals the whole group) still exits with the child’s 42', async () => {
    const env = await signedIn();
    const run = spawnCollected(['node', CLI_BUNDLE, 'run', '--product', 'kre', '--', ...trapping(42)], env);
    await waitFor(() => run.stdout.includes('child pid'));
    process.kill(childPid(run.stdout), 'SIGINT');
    run.process.kill('SIGINT');
    expect(await run.exited).toBe(42);
    expect(await sessionOf(env)).toBeNull();
  });

  it('SIGTERM to `npm run tessera` (a CI cancel) leaves no tessera and no child behind, and releases the session', async () => {
    const env = await signedIn();
    const npm = spawnCollected(
      ['npm', 'run', '-s', 'tessera', '--', 'run', '--product', 'kre', '--', ...trapping(0)],
      env,
    );
    await waitFor(() => npm.stdout.includes('child pid'));
    npm.process.kill('SIGTERM');
    await npm.exited;
    await waitFor(() => npm.stderr.includes('released'), 20_000);
    await waitFor(() => !isAlive(childPid(npm.stdout)), 10_000);
    expect(npm.stdout).toContain('child got SIGTERM');
    expect(await sessionOf(env)).toBeNull();
  });
});
