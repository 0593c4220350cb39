// The renderer's size gate: the JavaScript the first (status) screen loads — the entry chunk and every
// chunk it imports statically — must stay within a gzip budget, or `vite build` fails.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Budget for the status screen's JavaScript, gzip bytes (docs/ui.md, "Bundles"). */
export const STATUS_ENTRY_GZIP_BUDGET = 150_000;

/** The part of a Rollup output chunk the gate reads. */
export interface ChunkFacts {
  readonly fileName: string;
  readonly code: string;
  readonly isEntry: boolean;
  readonly imports: readonly string[];
}

/** The entry's footprint: which chunks load before the first screen, and their summed gzip size. */
export interface EntryFootprint {
  readonly files: readonly string[];
  readonly gzipBytes: number;
}

/** Follows static imports from the entry chunk (dynamic imports are the lazy screens, left out). */
export function entryFootprint(chunks: readonly ChunkFacts[]): EntryFootprint {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  const files: string[] = [];
  const pending = entry ? [entry.fileName] : [];
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    if (files.includes(name)) continue;
    files.push(name);
    pending.push(...(byName.get(name)?.imports ?? []));
  }
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(byName.get(f)?.code ?? '').length, 0);
  return { files, gzipBytes };
}

/** Vite plugin: fails the build when the entry footprint exceeds `budget` gzip bytes. */
export const entryBudget = (budget = STATUS_ENTRY_GZIP_BUDGET): Plugin => ({
  name: 'tessera-entry-budget',
  apply: 'build',
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [o] : []));
    const footprint = entryFootprint(chunks);
    const kb = (bytes: number) => (bytes / 1000).toFixed(1);
    if (footprint.gzipBytes > budget)
      this.error(
        `The status screen's JavaScript is ${kb(footprint.gzipBytes)} KB gzip (${footprint.files.join(', ')}), ` +
          `over the ${kb(budget)} KB budget: load the new code lazily (src-renderer/features/shell/screens.ts).`,
      );
  },
});
