import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ELECTRON_MISSING_MESSAGE } from '../../../src-main/launch';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const scratch = mkdtempSync(join(tmpdir(), 'tessera-launch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ELECTRON_OVERRIDE_DIST_PATH is read by the electron package itself: pointing it at an empty
// folder makes the binary missing even on a machine that has one.
const run = (command: string, args: string[], distPath: string) =>
  spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath, npm_config_loglevel: 'error' },
    timeout: 60_000,
  });

describe('npm start', () => {
  it('without the Electron binary prints one paragraph naming the headless tools and exits non-zero, no stack trace', () => {
    const result = run('npm', ['start'], join(scratch, 'no-electron-here'));
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(ELECTRON_MISSING_MESSAGE);
    expect(output).toContain('npm run tessera -- --help');
    expect(output).toContain('npm run server');
    expect(output).not.toMatch(STACK_LINE);
    expect(output).not.toMatch(/Error:/);
    expect(ELECTRON_MISSING_MESSAGE).not.toContain('\n');
  });

  it('with a binary present launches it on the project folder and passes its exit code through', () => {
    const fakeDist = join(scratch, 'fake-electron');
    mkdirSync(fakeDist, { recursive: true });
    writeFileSync(join(fakeDist, 'electron'), '#!/bin/sh\necho "launched with: $*"\nexit 7\n');
    chmodSync(join(fakeDist, 'electron'), 0o755);
    const result = run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['src-main/launch.ts', '--no-build'],
      fakeDist,
    );
    expect(result.stdout).toContain(`launched with: ${ROOT}`);
    expect(result.status).toBe(7);
  });
});
