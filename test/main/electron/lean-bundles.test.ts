import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { buildMain, ROOT } from '../../../src-main/electron/bundle-main';
import { IPC_CHANNELS, IPC_EVENTS } from '../../../shared/contracts/ipc';
import { IPC_CHANNEL_NAMES, IPC_EVENT_NAMES } from '../../../shared/contracts/ipc-channels';

const out = mkdtempSync(join(tmpdir(), 'tessera-lean-'));
let metafiles: { main: Metafile; preload: Metafile };
beforeAll(async () => {
  metafiles = await buildMain(ROOT, out);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The external packages the main entry file imports statically (loaded at start). */
const startupImports = (meta: Metafile): string[] => {
  const entry = Object.entries(meta.outputs).find(([, output]) => output.entryPoint?.endsWith('entry.ts'));
  return (entry?.[1].imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => i.path);
};

describe('lean main process and preload', () => {
  it('the preload channel names equal the contract’s, so the zod-free list cannot drift', () => {
    expect([...IPC_CHANNEL_NAMES].sort()).toEqual([...IPC_CHANNELS].sort());
    expect([...IPC_EVENT_NAMES].sort()).toEqual([...IPC_EVENTS].sort());
  });

  it('the preload bundle carries no zod and stays small', () => {
    expect(Object.keys(metafiles.preload.inputs).some((path) => path.includes('zod'))).toBe(false);
    expect(readFileSync(join(out, 'preload.cjs')).byteLength).toBeLessThan(20_000);
  });

  it('the main process loads no server package at start: the embedded server is import()ed on demand', () => {
    const atStart = startupImports(metafiles.main);
    expect(atStart).toContain('electron');
    for (const serverOnly of ['fastify', '@electric-sql/pglite', 'pg', '@fastify/swagger-ui'])
      expect(atStart).not.toContain(serverOnly);
    const lazy = Object.values(metafiles.main.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(lazy).toContain('fastify');
  });
});
