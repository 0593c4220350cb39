import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support-bundle';
import { writeElectronStub } from './electron-stub';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-asar-'));
const unpacked = join(scratch, 'release', 'linux-unpacked');
let files: string[] = [];

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
/** devDependencies that no production dependency needs (the lockfile marks them dev-only). */
const devOnly = Object.keys(pkg.devDependencies).filter(
  (name) => lock.packages[`node_modules/${name}`]?.dev === true,
);
const electronVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('the packaged desktop app (electron-builder --linux dir, stub Electron)', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/bundle.mjs', 'desktop', 'cli', 'server'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    await build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        electronDist: writeElectronStub(join(scratch, 'electron-dist'), electronVersion),
        electronVersion,
        // The real build rebuilds keytar for Electron's ABI (electron-builder.yml); that needs
        // Electron's headers from the network, so here keytar.node is the one npm ci built.
        npmRebuild: false,
        directories: { output: join(scratch, 'release'), buildResources: 'resources/build' },
      },
    });
    files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false });
  }, 900_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds main, preload, renderer and the CLI bundle with its resources', () => {
    for (const path of [
      '/package.json',
      '/dist/main/main.js',
      '/dist/main/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/cli/tessera.mjs',
      // The embedded server's first start copies this cluster instead of running initdb (docs/server.md).
      '/dist/server/pgdata-template.tar.gz',
      '/dist/server/pgdata-template.json',
    ])
      expect(files).toContain(path);
    expect(files).not.toContain('/dist/server/tessera-server.mjs');
    for (const name of readdirSync(join(ROOT, 'resources')).filter((n) => n.endsWith('.json'))) {
      expect(files).toContain(`/dist/cli/resources/${name}`);
      expect(existsSync(join(unpacked, 'resources', 'resources', name))).toBe(true);
    }
  });

  it('carries keytar’s native module (unpacked beside the asar, where it can be loaded)', () => {
    expect(files).toContain('/node_modules/keytar/build/Release/keytar.node');
    expect(
      existsSync(
        join(
          unpacked,
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'keytar',
          'build',
          'Release',
          'keytar.node',
        ),
      ),
    ).toBe(true);
  });

  it('ships no devDependency, test, TypeScript source or source map', () => {
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'esbuild', 'tsx', 'vite', 'react']));
    for (const name of devOnly)
      expect(files.filter((p) => p.startsWith(`/node_modules/${name}/`))).toEqual([]);
    expect(files.filter((p) => /\.(ts|tsx|mts|cts)$|\.map$/.test(p))).toEqual([]);
    expect(
      files.filter((p) => /^\/(test|src-main|src-server|src-renderer|shared|bench|scripts)\//.test(p)),
    ).toEqual([]);
    expect(files.filter((p) => /\.test\.[cm]?js$/.test(p))).toEqual([]);
  });
});
