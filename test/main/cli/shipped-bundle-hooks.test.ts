// The shipped CLI is an esbuild bundle built with RELEASE_DEFINE: this test builds one the same way
// and shows that the trust test hooks are gone from it (text and behaviour), while the roots in the
// resources folder beside the bundle are used.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_DEFINE } from '../../../src-main/config/test-hooks';
import { createTestIssuer, type TestIssuer } from '../support-licenses';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let scratch: string;
let bundle: string;
let shipped: TestIssuer;
let hooked: TestIssuer;

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [bundle, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TESSERA_SERVER_URL: '', ...env },
  });

beforeAll(async () => {
  await mkdir(join(ROOT, '.tmp'), { recursive: true, mode: 0o755 });
  scratch = await mkdtemp(join(ROOT, '.tmp', 'cli-bundle-'));
  const entry = join(scratch, 'entry.ts');
  await writeFile(
    entry,
    `import { runCli } from ${JSON.stringify(join(ROOT, 'src-main/cli/tessera.ts'))};\nprocess.exit(await runCli(process.argv));\n`,
  );
  bundle = join(scratch, 'tessera.mjs');
  await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: RELEASE_DEFINE,
    minifySyntax: true,
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  [shipped, hooked] = [await createTestIssuer('Shipped vendor'), await createTestIssuer('Test hook')];
  await mkdir(join(scratch, 'resources'));
  await writeFile(join(scratch, 'resources', 'trust-roots.json'), JSON.stringify(shipped.rootsDocument()));
}, 120_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the shipped (bundled) CLI', () => {
  it('contains no trust test hook', async () => {
    const text = await readFile(bundle, 'utf8');
    expect(text).not.toContain('TESSERA_TEST_TRUST_ROOTS');
    expect(text).not.toContain('TESSERA_TEST_POLICY_PATH');
    expect(text).not.toContain('TESSERA_TRUSTED_ISSUERS');
  });

  it('trusts the roots beside it and ignores TESSERA_TEST_TRUST_ROOTS and TESSERA_TEST_POLICY_PATH', async () => {
    const home = join(scratch, 'home');
    const policy = join(scratch, 'policy.json');
    await writeFile(policy, JSON.stringify(hooked.rootsDocument()));
    await chmod(policy, 0o644);
    const env = {
      TESSERA_HOME: home,
      TESSERA_TEST_TRUST_ROOTS: await hooked.writeRootsFile(scratch),
      TESSERA_TEST_POLICY_PATH: policy,
    };
    const id = run(['machine-id'], env);
    expect(id.status, id.stderr).toBe(0);
    const machineId = id.stdout.trim();
    const hookedFile = join(scratch, 'KSE_hooked.lic');
    await writeFile(hookedFile, await hooked.sign({ machineId }));
    const refused = run(['import', hookedFile], env);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/\(UNTRUSTED_ISSUER\)\n$/);
    const shippedFile = join(scratch, 'KSE_shipped.lic');
    await writeFile(shippedFile, await shipped.sign({ machineId }));
    const accepted = run(['import', shippedFile], env);
    expect(accepted.stderr).toBe('');
    expect(accepted.status).toBe(0);
    const status = JSON.parse(run(['status', '--json'], env).stdout);
    expect(status.trust).toMatchObject({
      evaluation: false,
      roots: [{ kid: shipped.root.kid, source: 'vendor' }],
      policy: { path: '/etc/tessera/trust.json' },
    });
  });
});
