import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { buildMain, ROOT } from '../../../src-main/electron/bundle-main';

const out = mkdtempSync(join(tmpdir(), 'tessera-build-main-'));
let metafiles: { main: Metafile; preload: Metafile };

const externalImports = (meta: Metafile): string[] =>
  [
    ...new Set(
      Object.values(meta.inputs).flatMap((input) =>
        input.imports.filter((i) => i.external).map((i) => i.path),
      ),
    ),
  ].sort();

beforeAll(async () => {
  metafiles = await buildMain(ROOT, out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bundle-main (npm run build:main)', () => {
  it('writes the ESM main bundle and the CommonJS preload next to it', () => {
    expect(existsSync(join(out, 'main.js'))).toBe(true);
    expect(existsSync(join(out, 'preload.cjs'))).toBe(true);
  });

  it('bundles the preload whole, with only electron left to require (a sandboxed preload can load nothing else)', () => {
    expect(externalImports(metafiles.preload)).toEqual(['electron']);
    const text = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('keeps electron, keytar and the packages external in main, and bundles our own code', () => {
    const external = externalImports(metafiles.main);
    expect(external).toContain('electron');
    expect(external.some((path) => path.startsWith('..') || path.includes('src-'))).toBe(false);
    const inputs = Object.keys(metafiles.main.inputs);
    expect(inputs.some((path) => path.includes('node_modules'))).toBe(false);
    expect(inputs).toEqual(
      expect.arrayContaining(['src-main/electron/main.ts', 'src-main/electron/entry.ts']),
    );
    expect(readFileSync(join(out, 'main.js'), 'utf8')).not.toMatch(/node_modules\/keytar/);
  });
});
