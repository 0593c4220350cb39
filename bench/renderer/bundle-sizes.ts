// What the built renderer's first screen downloads: the module script and modulepreloads in index.html.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip bytes of the first screen's JavaScript and CSS, and of every chunk loaded later. */
export interface BundleSizes {
  readonly entryJs: number;
  readonly entryCss: number;
  readonly lazy: ReadonlyMap<string, number>;
}

const gzipOf = async (dir: string, file: string): Promise<number> =>
  gzipSync(await readFile(join(dir, file))).length;

/** Reads dist/renderer as Chromium and Electron load it: index.html names what the first screen needs. */
export async function measureBundles(dir: string, files: readonly string[]): Promise<BundleSizes> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const named = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/^\.\//, ''));
  const js = [
    ...named(/<script type="module"[^>]*src="([^"]+)"/g),
    ...named(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = named(/<link rel="stylesheet"[^>]*href="([^"]+)"/g);
  const sum = async (list: readonly string[]) =>
    (await Promise.all(list.map((f) => gzipOf(dir, f)))).reduce((a, b) => a + b, 0);
  const lazy = new Map<string, number>();
  for (const file of files)
    if (file.endsWith('.js') && !js.includes(file)) lazy.set(file, await gzipOf(dir, file));
  return { entryJs: await sum(js), entryCss: await sum(css), lazy };
}
