import { realpath as realpathCallback } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { posix } from 'node:path';

/**
 * The machine-wide trust policy file per platform: a constant, never taken from the environment or a
 * setting (only a test build's TESSERA_TEST_POLICY_PATH replaces it, see src-main/config/test-hooks.ts).
 */
export const POLICY_FILE_PATHS = {
  linux: '/etc/tessera/trust.json',
  darwin: '/Library/Application Support/Tessera/trust.json',
  win32: 'C:\\ProgramData\\Tessera\\trust.json',
} as const;

/** The policy file's path on `platform` (other POSIX systems use the Linux path). */
export const policyFilePath = (platform: NodeJS.Platform = process.platform): string =>
  platform === 'win32' || platform === 'darwin' ? POLICY_FILE_PATHS[platform] : POLICY_FILE_PATHS.linux;

const ancestors = (path: string): string[] => {
  const list: string[] = [];
  for (let current = path; ; current = posix.dirname(current)) {
    list.push(current);
    if (posix.dirname(current) === current) return list;
  }
};

const posixProblem = async (path: string, adminUid: number): Promise<string | undefined> => {
  const real = await realpath(path);
  const entries = new Set([...ancestors(path), ...ancestors(real)]);
  if (!(await stat(real)).isFile()) return `${path} is not a regular file`;
  for (const entry of entries) {
    const [named, target] = await Promise.all([lstat(entry), stat(entry)]);
    if (named.uid !== adminUid || target.uid !== adminUid) return `${entry} is not owned by root`;
    // A root-owned sticky folder (like /tmp) is safe above the file: others cannot rename or remove
    // entries they do not own there.
    const sticky = target.isDirectory() && (target.mode & 0o1000) !== 0;
    if ((target.mode & 0o022) !== 0 && !sticky)
      return `${entry} can be written by its group or by other users`;
  }
  return undefined;
};

// Node cannot read Windows ACLs; it can refuse links and junctions that lead elsewhere. The
// administrator sets the ACL (docs/agent.md): Administrators and SYSTEM full control, Users read only.
const windowsProblem = async (path: string): Promise<string | undefined> => {
  const named = await lstat(path);
  if (named.isSymbolicLink() || !named.isFile()) return `${path} is not a regular file`;
  const real = await promisify(realpathCallback.native)(path);
  if (real.toLowerCase() !== path.toLowerCase()) return `${path} leads through a link to ${real}`;
  return undefined;
};

/**
 * Why a non-administrator could change the policy file, or undefined when only an administrator can.
 * POSIX: the file and every folder above it (as named and as resolved) are owned by root (`adminUid`,
 * a parameter only for tests) and have no group or other write bit (a root-owned sticky folder such as
 * /tmp may be above it). Windows: see windowsProblem.
 */
export const policyFileProblem = async (
  path: string,
  platform: NodeJS.Platform = process.platform,
  adminUid = 0,
): Promise<string | undefined> => {
  try {
    return platform === 'win32' ? await windowsProblem(path) : await posixProblem(path, adminUid);
  } catch (error) {
    return `${path} cannot be checked (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
};
