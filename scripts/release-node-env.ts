// A Vite build in a test worker must not leave NODE_ENV=production behind for the tests after it.
import type { Plugin } from 'vite';

/**
 * Sets NODE_ENV=production for one build and restores the caller's value when the bundle closes (or
 * the build fails). Vite and the React plugin read NODE_ENV while the config resolves and while they
 * transform, so it must be set when the config is loaded, not only in `define` (that left React's
 * development JSX runtime in the bundle: "jsxDEV is not a function").
 */
export function releaseNodeEnv(): Plugin {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  };
  return {
    name: 'tessera-release-node-env',
    apply: 'build',
    buildEnd(error) {
      if (error) restore();
    },
    closeBundle: restore,
  };
}
