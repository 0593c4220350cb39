import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support-cli';
import { ROOT, spawnCollected } from '../support-bundle';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'tessera-install-'));
const prefix = join(scratch, 'prefix');
const bin = (name: string) => join(prefix, 'bin', name);
const installed = join(prefix, 'lib', 'node_modules', 'tessera');

// npm's own variables from an outer `npm test` (prefix, global, …) must not steer the install.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

describe('the npm package installs and runs with production dependencies only (no tsx, no build tools)', () => {
  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', scratch], {
      cwd: ROOT,
      env: cleanEnv,
      timeout: 300_000,
    });
    const tarball = join(scratch, packed.stdout.trim().split('\n').at(-1) ?? '');
    // --prefer-offline: the tarballs `npm ci` put in the npm cache; the registry only for what is missing.
    await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      { env: cleanEnv, timeout: 480_000 },
    );
  }, 800_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const home = () => ({ ...cleanEnv, TESSERA_HOME: join(scratch, 'home') });

  it('installs no development tool, no TypeScript source and no test', () => {
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'esbuild', 'vitest', 'electron', 'react', 'kysely-pglite'])
      expect(modules).not.toContain(devOnly);
    const own = readdirSync(installed, { recursive: true, encoding: 'utf8' }).filter(
      (path) => !path.startsWith('node_modules'),
    );
    expect(own.filter((path) => /\.tsx?$|\.map$|\.test\./.test(path))).toEqual([]);
    expect(own).toContain(join('dist', 'cli', 'resources', 'catalog.json'));
    expect(own).toContain(join('dist', 'server', 'pgdata-template.tar.gz'));
    expect(own).toContain(join('dist', 'server', 'pgdata-template.json'));
  });

  it('`tessera --help`, `tessera machine-id` and `tessera status --json` work from the installed bin', async () => {
    const help = await run(bin('tessera'), ['--help'], { env: home() });
    expect(help.stdout).toContain('Usage: tessera');
    const id = await run(bin('tessera'), ['machine-id'], { env: home() });
    expect(id.stdout.trim()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const status = await run(bin('tessera'), ['status', '--json'], { env: home() });
    expect(JSON.parse(status.stdout)).toMatchObject({ machineId: id.stdout.trim(), products: [] });
  }, 120_000);

  it('`tessera-server` starts (PGlite found from the bundle, its first folder from the shipped template), answers /healthz, and stops on SIGINT', async () => {
    const server = spawnCollected([bin('tessera-server')], {
      ...cleanEnv,
      TESSERA_DATA_DIR: join(scratch, 'server'),
      TESSERA_PORT: '0',
      TESSERA_LOG_LEVEL: 'warn',
    });
    await waitFor(() => /listening on http:\/\/\S+/.test(server.stdout), 180_000);
    await waitFor(
      () => server.stdout.includes('created now from the template shipped with this build'),
      10_000,
    );
    const url = /listening on (http:\/\/[^\s)]+)/.exec(server.stdout)?.[1];
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    server.process.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }, 240_000);
});
