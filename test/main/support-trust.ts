import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createIssuerKey } from '../../shared/crypto/issuer-keys';

const REPO = join(import.meta.dirname, '..', '..');

/** A root key pair for tests; only its public half goes into trust roots documents. */
export interface TestRootKey {
  readonly kid: string;
  readonly publicKey: string;
  readonly privateKeyPkcs8Base64: string;
  readonly name: string;
}

/** Makes a fresh root key named `name`. */
export const createTestRootKey = async (name = 'Test root'): Promise<TestRootKey> => {
  const key = await createIssuerKey(globalThis.crypto.subtle);
  return {
    kid: key.kid,
    publicKey: key.publicKeyBase64,
    privateKeyPkcs8Base64: key.privateKeyPkcs8Base64,
    name,
  };
};

/** Writes a trust roots document ({v: 1, roots}) naming these roots, returns its path. */
export const writeRootsDocument = async (
  path: string,
  roots: readonly { kid: string; publicKey: string; name: string }[],
): Promise<string> => {
  await writeFile(
    path,
    JSON.stringify({ v: 1, roots: roots.map(({ kid, publicKey, name }) => ({ kid, publicKey, name })) }),
  );
  return path;
};

/**
 * Temp folders only root can write (under the repository's .tmp/, whose parents are root-owned and not
 * group/other writable), as a machine-wide policy folder is; removed after each test.
 */
export const useProtectedDirs = (): (() => Promise<string>) => {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    await mkdir(join(REPO, '.tmp'), { recursive: true, mode: 0o755 });
    const dir = await mkdtemp(join(REPO, '.tmp', 'trust-'));
    made.push(dir);
    return dir;
  };
};
