import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { entryBudget, entryFootprint, type ChunkFacts } from '../../../scripts/renderer-entry-budget';

// The renderer's size gate runs inside `vite build`: the status screen's JavaScript (entry chunk and its
// static imports, never the lazy screens) must stay within 150 KB gzip, or the build fails.

/** Incompressible text of about `kb` KB gzip, so sizes are predictable. */
const noise = (kb: number) => randomBytes(kb * 1000).toString('base64');

const chunk = (fileName: string, kb: number, imports: string[] = [], isEntry = false): ChunkFacts => ({
  fileName,
  code: noise(kb),
  isEntry,
  imports,
});

const bundle = (entryKb: number) => [
  chunk('assets/index.js', entryKb, ['assets/vendor.js'], true),
  chunk('assets/vendor.js', 20),
  chunk('assets/admin-page.js', 400, ['assets/vendor.js']),
];

/** Runs the plugin's generateBundle hook as Rollup would, with `this.error` throwing. */
function runGate(chunks: readonly ChunkFacts[]): void {
  const plugin = entryBudget();
  const hook = plugin.generateBundle;
  const handler = typeof hook === 'function' ? hook : hook?.handler;
  const context = {
    error: (message: string) => {
      throw new Error(message);
    },
  };
  const files = Object.fromEntries(chunks.map((c) => [c.fileName, { type: 'chunk', ...c }]));
  (handler as unknown as (this: typeof context, o: unknown, b: unknown) => void).call(context, {}, files);
}

describe('renderer entry budget', () => {
  it('counts the entry and what it imports statically, not the lazy screens', () => {
    const footprint = entryFootprint(bundle(50));
    expect([...footprint.files].sort()).toEqual(['assets/index.js', 'assets/vendor.js']);
    expect(footprint.gzipBytes).toBeGreaterThan(60_000);
    expect(footprint.gzipBytes).toBeLessThan(90_000);
  });

  it('passes a status entry under 150 KB gzip even with a large admin chunk', () => {
    expect(() => runGate(bundle(100))).not.toThrow();
  });

  it('fails the build when the status entry grows past 150 KB gzip, naming the files', () => {
    expect(() => runGate(bundle(140))).toThrow(/assets\/index\.js.*over the 150\.0 KB budget/);
  });
});
