import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const raw: unknown = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));

const targetsOf = (platform: unknown): string[] =>
  z
    .object({ target: z.array(z.object({ target: z.string() })) })
    .parse(platform)
    .target.map((entry) => entry.target);

const config = z
  .object({
    appId: z.string(),
    productName: z.string(),
    files: z.array(z.string()),
    extraResources: z.array(z.object({ from: z.string(), to: z.string() })),
    asarUnpack: z.array(z.string()),
    npmRebuild: z.boolean(),
    electronFuses: z.record(z.string(), z.boolean()),
    win: z.unknown(),
    mac: z.unknown(),
    linux: z.unknown(),
  })
  .parse(raw);

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own configuration schema', () => {
    const schema: unknown = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the product and app id', () => {
    expect(config.productName).toBe('Tessera');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('builds nsis on Windows, dmg on macOS, AppImage and deb on Linux', () => {
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
  });

  it('packs the built main, preload and renderer bundles that package.json points at', () => {
    const pkg = z
      .object({ main: z.string() })
      .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
    expect(pkg.main).toBe('dist/main/main.js');
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/main/**/*', 'dist/renderer/**/*']),
    );
  });

  it('unpacks keytar’s native module from the asar and rebuilds it for Electron', () => {
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('ships resources/ (catalog, trusted issuer keys) beside the app, and points icons at files that exist', () => {
    expect(config.extraResources).toContainEqual(
      expect.objectContaining({ from: 'resources', to: 'resources' }),
    );
    for (const platform of [config.win, config.mac]) {
      const icon = z.object({ icon: z.string() }).parse(platform).icon;
      expect(() => readFileSync(join(ROOT, icon))).not.toThrow();
    }
  });

  it('disables running the packaged app as Node, NODE_OPTIONS and --inspect, and checks the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
