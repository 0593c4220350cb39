import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ROOT_FILE, loadTrustSetup, withLocalRoot } from '../../../src-main/services/trust-setup';
import { valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';
import { createTestRootKey, useProtectedDirs, writeRootsDocument } from '../support-trust';

const tempDir = useTempDirs();
const protectedDir = useProtectedDirs();

/** A resources folder shipping these roots, and an agent data folder. */
const install = async (shipped: Awaited<ReturnType<typeof createTestRootKey>>[]) => {
  const resourcesDir = await tempDir();
  await writeRootsDocument(join(resourcesDir, 'trust-roots.json'), shipped);
  const dataDir = await tempDir();
  return { resourcesDir, dataDir };
};

/** The desktop app's embedded server publishing its root in <data>/server/. */
const publishLocalRoot = async (dataDir: string) => {
  const local = await createTestRootKey('Embedded server');
  await mkdir(join(dataDir, 'server'), { recursive: true });
  await writeRootsDocument(join(dataDir, 'server', LOCAL_ROOT_FILE), [local]);
  return local;
};

const noPolicy = async () => ({ TESSERA_TEST_POLICY_PATH: join(await tempDir(), 'absent.json') });

describe('where the agent’s trust comes from', () => {
  it('an evaluation build (no shipped root) trusts roots that servers on this machine published', async () => {
    const { resourcesDir, dataDir } = await install([]);
    const local = await publishLocalRoot(dataDir);
    const setup = valueOf(await loadTrustSetup({ resourcesDir, dataDir, env: await noPolicy() }));
    expect(setup.evaluation).toBe(true);
    expect(setup.roots.get(local.kid)).toMatchObject({ source: 'local-evaluation', name: 'Embedded server' });
    const inProcess = await createTestRootKey('In-process server');
    expect(withLocalRoot(setup, inProcess)?.roots.get(inProcess.kid)?.source).toBe('local-evaluation');
  });

  it('a build with a vendor root ignores every local root, published or handed over in-process', async () => {
    const vendor = await createTestRootKey('Vendor');
    const { resourcesDir, dataDir } = await install([vendor]);
    const local = await publishLocalRoot(dataDir);
    const setup = valueOf(await loadTrustSetup({ resourcesDir, dataDir, env: await noPolicy() }));
    expect(setup.evaluation).toBe(false);
    expect([...setup.roots.keys()]).toEqual([vendor.kid]);
    expect(setup.roots.has(local.kid)).toBe(false);
    expect(withLocalRoot(setup, await createTestRootKey())).toBeUndefined();
  });

  it('adds the roots of a machine-wide policy file only root can write', async () => {
    const vendor = await createTestRootKey('Vendor');
    const onPrem = await createTestRootKey('On-premises');
    const { resourcesDir, dataDir } = await install([vendor]);
    const policy = await writeRootsDocument(join(await protectedDir(), 'trust.json'), [onPrem]);
    await chmod(policy, 0o644);
    const setup = valueOf(
      await loadTrustSetup({ resourcesDir, dataDir, env: { TESSERA_TEST_POLICY_PATH: policy } }),
    );
    expect(setup.policy).toEqual({ state: 'active', path: policy, message: null });
    expect(setup.roots.get(onPrem.kid)?.source).toBe('policy');
  });

  it('refuses a policy file other users can write: reported with a sentence, its roots unused', async () => {
    const onPrem = await createTestRootKey('On-premises');
    const { resourcesDir, dataDir } = await install([]);
    const policy = await writeRootsDocument(join(await protectedDir(), 'trust.json'), [onPrem]);
    await chmod(policy, 0o666);
    const setup = valueOf(
      await loadTrustSetup({ resourcesDir, dataDir, env: { TESSERA_TEST_POLICY_PATH: policy } }),
    );
    expect(setup.policy.state).toBe('refused');
    expect(setup.policy.message).toMatch(
      /non-administrators could change it .*written by its group or by other users/,
    );
    expect(setup.roots.has(onPrem.kid)).toBe(false);
  });

  it('adds no root from an environment variable: TESSERA_TRUSTED_ISSUERS is gone', async () => {
    const self = await createTestRootKey('Self-made');
    const { resourcesDir, dataDir } = await install([]);
    const file = await writeRootsDocument(join(dataDir, 'mine.json'), [self]);
    const setup = valueOf(
      await loadTrustSetup({
        resourcesDir,
        dataDir,
        env: { ...(await noPolicy()), TESSERA_TRUSTED_ISSUERS: file },
      }),
    );
    expect(setup.roots.size).toBe(0);
  });

  it('stops on a damaged shipped roots file (a build error), naming the file', async () => {
    const { resourcesDir, dataDir } = await install([]);
    await writeFile(join(resourcesDir, 'trust-roots.json'), '{"keys": []}');
    const setup = await loadTrustSetup({ resourcesDir, dataDir, env: await noPolicy() });
    expect(setup.ok ? '' : setup.error.message).toContain(join(resourcesDir, 'trust-roots.json'));
  });

  it('ships resources/trust-roots.json with no vendor root (this repository is an evaluation build)', async () => {
    const setup = valueOf(
      await loadTrustSetup({ resourcesDir: 'resources', dataDir: await tempDir(), env: await noPolicy() }),
    );
    expect([...setup.roots.values()].filter((root) => root.source === 'vendor')).toEqual([]);
  });
});
