// Test hooks of the agent's trust set-up. They exist only in source and test builds: shipped bundles
// are built with `define: { __TESSERA_TEST_HOOKS__: 'false' }` (RELEASE_DEFINE) and `minifySyntax`,
// which folds the guard below to `false` and drops the code, so a shipped agent never reads them.

declare const __TESSERA_TEST_HOOKS__: boolean | undefined;

/** esbuild `define` every shipped bundle (CLI, Electron main) is built with; see docs/agent.md. */
export const RELEASE_DEFINE: Readonly<Record<string, string>> = { __TESSERA_TEST_HOOKS__: 'false' };

/**
 * What a test may override: TESSERA_TEST_TRUST_ROOTS names a trust roots document read instead of the
 * shipped resources/trust-roots.json, TESSERA_TEST_POLICY_PATH another machine-wide policy file.
 */
export interface TestHooks {
  readonly trustRootsPath?: string;
  readonly policyPath?: string;
}

/** The hooks set in `env`, or none at all in a bundle built with RELEASE_DEFINE. */
export const readTestHooks = (env: NodeJS.ProcessEnv): TestHooks => {
  // Kept inline (not a shared constant) so esbuild folds and removes this branch in release bundles.
  if (typeof __TESSERA_TEST_HOOKS__ === 'undefined' || __TESSERA_TEST_HOOKS__) {
    return {
      trustRootsPath: env.TESSERA_TEST_TRUST_ROOTS || undefined,
      policyPath: env.TESSERA_TEST_POLICY_PATH || undefined,
    };
  }
  return {};
};

/** Whether this code runs from a bundle (the define is set) rather than from source through tsx. */
export const isBundled = (): boolean => typeof __TESSERA_TEST_HOOKS__ !== 'undefined';
