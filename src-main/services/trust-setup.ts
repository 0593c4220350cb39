import { homedir } from 'node:os';
import { join } from 'node:path';
import { ok, type Result } from '../../shared/result';
import { kidMatchesKey, type TrustedRoot } from '../../shared/trust/trust-roots';
import { policyFilePath, policyFileProblem } from '../adapters/policy-file';
import { readTrustRootsFile } from '../adapters/trust-roots-file';
import { readTestHooks } from '../config/test-hooks';
import type { AgentStatus } from './status-events';

/** File name of the shipped roots in the resources folder (Electron: process.resourcesPath/resources). */
export const TRUST_ROOTS_FILE = 'trust-roots.json';

/** File a local license server publishes its public root in, inside its data folder (evaluation builds). */
export const LOCAL_ROOT_FILE = 'trust-root.public.json';

/** What became of the machine-wide policy file (status shows it; a refused file adds nothing). */
export interface PolicyStatus {
  readonly state: 'absent' | 'active' | 'refused';
  readonly path: string;
  readonly message: string | null;
}

/** The roots this process trusts, fixed at start, and how they were chosen. */
export interface TrustSetup {
  readonly roots: ReadonlyMap<string, TrustedRoot>;
  /** No vendor and no policy root: roots of license servers on this machine are trusted (evaluation build). */
  readonly evaluation: boolean;
  readonly policy: PolicyStatus;
}

/** Where roots may come from; nothing here is a server answer, a per-user setting or an environment variable. */
export interface TrustSetupOptions {
  readonly resourcesDir: string;
  /** The agent's data folder: the desktop app's embedded server lives in its `server/` folder. */
  readonly dataDir: string;
  /** Only the test hooks are read from it, and only in test builds (src-main/config/test-hooks.ts). */
  readonly env: NodeJS.ProcessEnv;
  /** Roots of a license server running in this process (the desktop app's embedded server). */
  readonly localRoots?: ReadonlyMap<string, TrustedRoot>;
  readonly platform?: NodeJS.Platform;
  /** Owner the policy file must have on POSIX (root); a parameter only so tests can own their files. */
  readonly adminUid?: number;
}

const readPolicy = async (
  path: string,
  options: TrustSetupOptions,
): Promise<{ status: PolicyStatus; roots: ReadonlyMap<string, TrustedRoot> }> => {
  const none = new Map<string, TrustedRoot>();
  const refused = (why: string) => ({
    status: {
      state: 'refused' as const,
      path,
      message: `The machine-wide trust policy is ignored: ${why} An administrator must fix it (docs/agent.md).`,
    },
    roots: none,
  });
  const read = await readTrustRootsFile(path, 'policy');
  if (!read.ok) return refused(read.error.message);
  if (read.value === undefined) return { status: { state: 'absent', path, message: null }, roots: none };
  const problem = await policyFileProblem(path, options.platform, options.adminUid);
  if (problem !== undefined) return refused(`non-administrators could change it (${problem}).`);
  return { status: { state: 'active', path, message: null }, roots: read.value };
};

/** Folders where license servers started on this machine publish their root (default locations only). */
export const localServerFolders = (dataDir: string): string[] => [
  join(dataDir, 'server'),
  join(homedir(), '.tessera-server'),
];

const readLocalRoots = async (options: TrustSetupOptions): Promise<Map<string, TrustedRoot>> => {
  const roots = new Map(options.localRoots);
  for (const folder of localServerFolders(options.dataDir)) {
    const read = await readTrustRootsFile(join(folder, LOCAL_ROOT_FILE), 'local-evaluation');
    if (read.ok && read.value) for (const [kid, root] of read.value) roots.set(kid, root);
  }
  return roots;
};

/**
 * Builds the trust set-up once per process: the shipped roots (resources/trust-roots.json), the
 * machine-wide policy file when only an administrator can write it, and — only when neither names a
 * root (an evaluation build) — the roots of license servers on this machine. A broken shipped file
 * stops the agent (a build error); a broken or unprotected policy file is reported and ignored.
 */
export const loadTrustSetup = async (options: TrustSetupOptions): Promise<Result<TrustSetup>> => {
  const hooks = readTestHooks(options.env);
  const shipped = await readTrustRootsFile(
    hooks.trustRootsPath ?? join(options.resourcesDir, TRUST_ROOTS_FILE),
    'vendor',
  );
  if (!shipped.ok) return shipped;
  const policy = await readPolicy(hooks.policyPath ?? policyFilePath(options.platform), options);
  const roots = new Map([...policy.roots, ...(shipped.value ?? [])]);
  const evaluation = roots.size === 0;
  if (evaluation) for (const [kid, root] of await readLocalRoots(options)) roots.set(kid, root);
  return ok({ roots, evaluation, policy: policy.status });
};

/**
 * The set-up with one more local root (the in-process embedded server's), or undefined when this build
 * has vendor or policy roots and so refuses every other root; the same set-up when already trusted.
 */
export const withLocalRoot = (
  setup: TrustSetup,
  root: { kid: string; publicKey: string; name: string },
): TrustSetup | undefined => {
  if (!setup.evaluation || !kidMatchesKey(root.kid, root.publicKey)) return undefined;
  if (setup.roots.has(root.kid)) return setup;
  const roots = new Map(setup.roots).set(root.kid, { ...root, source: 'local-evaluation' });
  return { ...setup, roots };
};

/** The set-up as status shows it (no key material beyond the public key ids). */
export const trustSummary = (setup: TrustSetup): AgentStatus['trust'] => ({
  evaluation: setup.evaluation,
  roots: [...setup.roots.values()].map(({ kid, name, source }) => ({ kid, name, source })),
  policy: setup.policy,
});
