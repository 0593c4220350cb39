import { afterEach, describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import { releaseNodeEnv } from '../../../scripts/release-node-env';

// A renderer build forces the release NODE_ENV for its own duration only; a test worker that builds in
// process (csp-renderer.test.ts, the e2e global setup) keeps its NODE_ENV=test afterwards.

const original = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = original;
});

/** Calls one of the plugin's hooks as Rollup would. */
const run = (plugin: Plugin, hook: 'buildEnd' | 'closeBundle', arg?: Error): void => {
  const h = plugin[hook];
  const handler = typeof h === 'function' ? h : h?.handler;
  (handler as ((this: unknown, a?: Error) => void) | undefined)?.call({}, arg);
};

describe('release NODE_ENV for a renderer build', () => {
  it('is production from the config load until the bundle closes, then the caller value again', () => {
    process.env.NODE_ENV = 'test';
    const plugin = releaseNodeEnv();
    expect(process.env.NODE_ENV).toBe('production');
    run(plugin, 'buildEnd');
    expect(process.env.NODE_ENV).toBe('production');
    run(plugin, 'closeBundle');
    expect(process.env.NODE_ENV).toBe('test');
  });

  it('gives the caller value back when the build fails', () => {
    process.env.NODE_ENV = 'test';
    const plugin = releaseNodeEnv();
    run(plugin, 'buildEnd', new Error('over the entry budget'));
    expect(process.env.NODE_ENV).toBe('test');
  });

  it('leaves NODE_ENV unset when it was unset', () => {
    delete process.env.NODE_ENV;
    run(releaseNodeEnv(), 'closeBundle');
    expect(process.env.NODE_ENV).toBeUndefined();
  });
});
