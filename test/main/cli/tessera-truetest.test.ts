import { describe, expect, it } from 'vitest';
import { useOnlineWorld } from '../support-online';
import { runTessera, spawnTessera, waitFor } from '../support-cli';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'truetest', kind: 'aut', quota: 1, machineQuota: 5 }]);
const exitWith = (code: number) => ['node', '-e', `process.exit(${code})`];

describe('tessera CLI for TrueTest (real server, real keychain)', () => {
  it('R3 `run --application` holds a session for one application; a second application is refused (exit 3)', async () => {
    const env = { TESSERA_HOME: await tempDir() };
    expect((await runTessera(['login', '--server', world.url], env, world.org.member.apiKey)).code).toBe(0);

    const unnamed = await runTessera(['run', '--product', 'truetest', '--', ...exitWith(0)], env);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toMatch(/--application/);

    const holder = spawnTessera(
      [
        'run',
        '--product',
        'truetest',
        '--application',
        'shop-web',
        '--',
        'node',
        '-e',
        'setTimeout(() => {}, 60000)',
      ],
      env,
    );
    await waitFor(() => holder.stderr.includes('started'), 60_000);
    // The same application from another process shares the license.
    const same = await runTessera(
      ['run', '--product', 'truetest', '--application', 'shop-web', '--', ...exitWith(5)],
      env,
    );
    expect(same.code).toBe(5);
    const other = await runTessera(
      ['run', '--product', 'truetest', '--application', 'crm', '--', ...exitWith(0)],
      env,
    );
    expect(other.code).toBe(3);
    expect(other.stderr.trim().split('\n').at(-1)).toMatch(
      /1 of 1 applications .*\(APPLICATION_QUOTA_EXCEEDED\)$/,
    );

    holder.process.kill('SIGINT');
    expect(await holder.exited).toBe(130);
    const after = await runTessera(
      ['run', '--product', 'truetest', '--application', 'crm', '--', ...exitWith(0)],
      env,
    );
    expect(after.code).toBe(0);
  });
});
