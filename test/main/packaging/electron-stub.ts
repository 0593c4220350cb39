import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// @electron/fuses finds the fuse wire after this sentinel: version 1, then one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = 9;

/**
 * An unpacked "Electron distribution" for electron-builder's `electronDist`, so `--linux dir` packages
 * the app without downloading Electron: a fake `electron` executable carrying a fuse wire (the build
 * flips the fuses from electron-builder.yml on it), one locale (electronLanguages keeps en-US) and the
 * version file.
 */
export const writeElectronStub = (dir: string, version: string): string => {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from(`#!/bin/sh\necho "stub Electron ${version}"\nexit 0\n# ${FUSE_SENTINEL}`),
      Buffer.from([1, FUSES]),
      Buffer.from(`${'1'.repeat(FUSES)}\n`),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'version'), version);
  return dir;
};
