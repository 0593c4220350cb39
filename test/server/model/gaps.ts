// Rules of DOMAIN.md the server does not enforce yet. The model always expects the rule; while a
// gap is listed the commands stay away from its case (a command's `check`) so the run stays green,
// and test/server/usage-model-findings.test.ts keeps the shrunk case as an expected failure.
// MODEL_STRICT=1 turns every rule on, to print the shrunk sequence the gap produces.

const strict = process.env.MODEL_STRICT === '1';

/** Which rules the server under test enforces. */
export const ENFORCED = {
  /** R9/R21: a KRE offline license counts the running sessions, not only the reserved machines. */
  kreOfflineCountsSessions: strict,
} as const;
