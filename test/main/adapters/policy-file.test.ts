import { chmod, chown, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { POLICY_FILE_PATHS, policyFilePath, policyFileProblem } from '../../../src-main/adapters/policy-file';
import { readTrustRootsFile } from '../../../src-main/adapters/trust-roots-file';
import { useTempDirs } from '../support-temp-dir';
import { createTestRootKey, useProtectedDirs, writeRootsDocument } from '../support-trust';

const protectedDir = useProtectedDirs();
const tempDir = useTempDirs();
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const policyIn = async (dir: string) => {
  await mkdir(join(dir, 'tessera'), { mode: 0o755 });
  const path = join(dir, 'tessera', 'trust.json');
  await writeRootsDocument(path, [await createTestRootKey('On-premises')]);
  await chmod(path, 0o644);
  return path;
};

describe('the machine-wide policy file', () => {
  it('lives at one constant path per platform', () => {
    expect(policyFilePath('linux')).toBe('/etc/tessera/trust.json');
    expect(policyFilePath('freebsd')).toBe(POLICY_FILE_PATHS.linux);
    expect(policyFilePath('darwin')).toBe('/Library/Application Support/Tessera/trust.json');
    expect(policyFilePath('win32')).toBe('C:\\ProgramData\\Tessera\\trust.json');
  });

  it.runIf(isRoot)(
    'is accepted when root owns it and every folder above it, none writable by group or others',
    async () => {
      expect(await policyFileProblem(await policyIn(await protectedDir()), 'linux')).toBeUndefined();
    },
  );

  it.runIf(isRoot)('is refused when its group or other users may write it', async () => {
    const path = await policyIn(await protectedDir());
    await chmod(path, 0o664);
    expect(await policyFileProblem(path, 'linux')).toMatch(/written by its group or by other users/);
    await chmod(path, 0o646);
    expect(await policyFileProblem(path, 'linux')).toMatch(/written by its group or by other users/);
  });

  it.runIf(isRoot)('is refused when another user owns the file or a folder above it', async () => {
    const path = await policyIn(await protectedDir());
    await chown(path, NOBODY, NOBODY);
    expect(await policyFileProblem(path, 'linux')).toMatch(/not owned by root/);
    await chown(path, 0, 0);
    await chown(join(path, '..'), NOBODY, NOBODY);
    expect(await policyFileProblem(path, 'linux')).toMatch(/tessera is not owned by root/);
  });

  it.runIf(isRoot)(
    'is refused when a folder above it is writable by others (a user could swap it)',
    async () => {
      const dir = await protectedDir();
      const path = await policyIn(dir);
      await chmod(dir, 0o777);
      expect(await policyFileProblem(path, 'linux')).toMatch(/written by its group or by other users/);
    },
  );

  it.runIf(isRoot)('is refused when it links to a place a user can write', async () => {
    const open = await tempDir();
    const target = await policyIn(open);
    await chmod(open, 0o777); // writable by anyone, and not sticky
    const dir = await protectedDir();
    await symlink(target, join(dir, 'trust.json'));
    expect(await policyFileProblem(join(dir, 'trust.json'), 'linux')).toMatch(
      /can be written by its group or by other users/,
    );
  });

  it.skipIf(!isRoot)(
    'accepts root-owned sticky folders such as /tmp above the file, but not a plain world-writable one',
    async () => {
      const sticky = await tempDir();
      await chmod(sticky, 0o1777);
      const path = await policyIn(sticky);
      expect(await policyFileProblem(path, 'linux', 0)).toBeUndefined();
      await chmod(sticky, 0o0777);
      expect(await policyFileProblem(path, 'linux', 0)).toMatch(
        /can be written by its group or by other users/,
      );
    },
  );

  it('names a missing file as such (no file: nothing to refuse)', async () => {
    expect(await readTrustRootsFile(join(await tempDir(), 'absent.json'), 'policy')).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('refuses a FIFO without blocking and a document whose kid does not match its key', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'fifo.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(await readTrustRootsFile(fifo, 'policy')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/not a regular file/) },
    });
    const [one, two] = [await createTestRootKey(), await createTestRootKey()];
    const forged = join(dir, 'forged.json');
    await writeFile(
      forged,
      JSON.stringify({ v: 1, roots: [{ kid: one.kid, publicKey: two.publicKey, name: 'x' }] }),
    );
    expect(await readTrustRootsFile(forged, 'policy')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});
