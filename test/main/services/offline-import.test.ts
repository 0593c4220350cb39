import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe } from '../../../src-main/adapters/hardware-probe';
import { importOfflineLicense } from '../../../src-main/services/offline-import';
import { computeStatus } from '../../../src-main/services/status-service';
import { ok } from '../../../shared/result';
import { buildAgent } from '../support-agent';
import { createTestIssuer, DAY_MS, type TestIssuer } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
let issuer: TestIssuer;
let machineId: string;
let otherUserMachineId: string;
let otherHardwareMachineId: string;

beforeAll(async () => {
  issuer = await createTestIssuer();
  const facts = await readHardwareFacts();
  const mine = await createHardwareProbe(undefined, async () => facts).machineId();
  const theirs = await createHardwareProbe(undefined, async () => ({
    ...facts,
    osUser: `${facts.osUser}-b`,
  })).machineId();
  const elsewhere = await createHardwareProbe(undefined, async () => ({
    ...facts,
    components: { osMachineId: 'another-machine', systemUuid: '4c4c4544-0042-3510-8052-b4c04f384d32' },
  })).machineId();
  if (!mine.ok || !theirs.ok || !elsewhere.ok) throw new Error('no machine id');
  otherHardwareMachineId = elsewhere.value;
  machineId = mine.value;
  otherUserMachineId = theirs.value;
});

const agentWithTrust = async () => {
  const dir = await tempDir();
  const deps = await buildAgent(dir, { env: { TESSERA_TEST_TRUST_ROOTS: await issuer.writeRootsFile(dir) } });
  // Seed the store so "byte-identical before/after" compares a real file.
  await deps.store.update((state) =>
    ok({ state: { ...state, lastTrustedTime: Date.now() - DAY_MS }, value: undefined }),
  );
  const snapshot = () => readFile(deps.store.path);
  return { deps, snapshot };
};

const expectRefused = async (content: string, code: string, extra: { expectedProductId?: string } = {}) => {
  const { deps, snapshot } = await agentWithTrust();
  const before = await snapshot();
  const result = await importOfflineLicense(deps, { fileName: 'KSE_test.lic', content, ...extra });
  expect(result.ok ? 'accepted' : result.error.code).toBe(code);
  expect(result.ok ? '' : result.error.message).toMatch(/\.$/);
  expect(await snapshot()).toEqual(before);
};

describe('offline import', () => {
  it('R5 accepts a valid offline license for this machine, stores it and makes the product runnable', async () => {
    const { deps } = await agentWithTrust();
    const result = await importOfflineLicense(deps, {
      fileName: `KSE_${machineId}.lic`,
      content: await issuer.sign({ machineId }),
    });
    expect(result.ok).toBe(true);
    const status = await computeStatus(deps);
    expect(status.ok && status.value.products).toMatchObject([
      { productId: 'kse', canRun: true, state: 'active', source: 'offline' },
    ]);
  });

  it('R7 refuses an expired offline license', async () => {
    const past = Date.now() - 2 * DAY_MS;
    const content = await issuer.sign({
      machineId,
      issuedAt: new Date(past - DAY_MS).toISOString(),
      notBefore: new Date(past - DAY_MS).toISOString(),
      expiresAt: new Date(past).toISOString(),
    });
    await expectRefused(content, 'EXPIRED');
  });

  it('refuses a license that is not yet valid', async () => {
    const content = await issuer.sign({
      machineId,
      notBefore: new Date(Date.now() + 5 * DAY_MS).toISOString(),
    });
    await expectRefused(content, 'NOT_YET_VALID');
  });

  it('R7 refuses a change at every character position of the file and changes nothing', async () => {
    const content = await issuer.sign({ machineId });
    const { deps, snapshot } = await agentWithTrust();
    const before = await snapshot();
    for (let i = 0; i < content.length; i += 1) {
      const swapped = content[i] === 'A' ? 'B' : 'A';
      const tampered = content.slice(0, i) + swapped + content.slice(i + 1);
      const result = await importOfflineLicense(deps, { fileName: 'x.lic', content: tampered });
      expect(result.ok, `position ${i}`).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('R5 refuses a license bound to another machine, naming both machine IDs', async () => {
    const { deps } = await agentWithTrust();
    const result = await importOfflineLicense(deps, {
      fileName: 'x.lic',
      content: await issuer.sign({ machineId: otherHardwareMachineId }),
    });
    expect(result.ok ? '' : result.error.message).toContain(otherHardwareMachineId);
    expect(result.ok ? '' : result.error.message).toContain(machineId);
    await expectRefused(await issuer.sign({ machineId: otherHardwareMachineId }), 'WRONG_MACHINE');
  });

  it('R11 refuses the license of another OS user on this same machine', async () => {
    expect(otherUserMachineId).not.toBe(machineId);
    await expectRefused(await issuer.sign({ machineId: otherUserMachineId }), 'WRONG_MACHINE');
  });

  it('refuses a license for another product than the one asked for', async () => {
    await expectRefused(await issuer.sign({ machineId, productId: 'kse' }), 'WRONG_PRODUCT', {
      expectedProductId: 'kre',
    });
  });

  it('R5 refuses an offline license for a product that has no offline licenses', async () => {
    await expectRefused(
      await issuer.sign({ machineId, productId: 'testops-full', licenseKind: 'seat' }),
      'WRONG_PRODUCT',
    );
  });

  it('refuses a file signed by an issuer this machine does not trust', async () => {
    const stranger = await createTestIssuer();
    await expectRefused(await stranger.sign({ machineId }), 'UNTRUSTED_ISSUER');
  });

  it('refuses an online lease presented as an offline license', async () => {
    await expectRefused(await issuer.sign({ machineId, kind: 'lease' }), 'INVALID_FIELDS');
  });

  it.each([['garbage'], [''], ['-----BEGIN TESSERA LICENSE-----\n!!!\n-----END TESSERA LICENSE-----\n']])(
    'refuses garbage %j as MALFORMED',
    async (content) => {
      await expectRefused(content, 'MALFORMED');
    },
  );

  it('refuses a 50 MB input before verifying anything', async () => {
    await expectRefused('A'.repeat(50 * 1024 * 1024), 'FILE_TOO_LARGE');
  });

  it('refuses when the clock was set back more than an hour behind the last trusted time', async () => {
    const { deps, snapshot } = await agentWithTrust();
    await deps.store.update((state) =>
      ok({ state: { ...state, lastTrustedTime: Date.now() + 3 * 3_600_000 }, value: undefined }),
    );
    const before = await snapshot();
    const result = await importOfflineLicense(deps, {
      fileName: 'x.lic',
      content: await issuer.sign({ machineId }),
    });
    expect(result.ok ? '' : result.error.code).toBe('CLOCK_ROLLED_BACK');
    expect(await snapshot()).toEqual(before);
  });

  it('status stops the product when the clock is later set back more than an hour, with a warning', async () => {
    const { deps } = await agentWithTrust();
    await importOfflineLicense(deps, { fileName: 'x.lic', content: await issuer.sign({ machineId }) });
    await deps.store.update((state) =>
      ok({ state: { ...state, lastTrustedTime: Date.now() + 3 * 3_600_000 }, value: undefined }),
    );
    const status = await computeStatus(deps);
    const kse = status.ok ? status.value.products[0] : undefined;
    expect(kse).toMatchObject({ canRun: false, state: 'invalid', reason: { code: 'CLOCK_ROLLED_BACK' } });
    expect(kse?.warnings.map((w) => w.code)).toContain('clock-rolled-back');
  });

  it('tolerates small clock drift (a trusted time 20 minutes ahead)', async () => {
    const { deps } = await agentWithTrust();
    await deps.store.update((state) =>
      ok({ state: { ...state, lastTrustedTime: Date.now() + 20 * 60_000 }, value: undefined }),
    );
    const result = await importOfflineLicense(deps, {
      fileName: 'x.lic',
      content: await issuer.sign({ machineId }),
    });
    expect(result.ok).toBe(true);
  });

  it('keeps the state file free of secrets and readable only by the user', async () => {
    const { deps } = await agentWithTrust();
    await importOfflineLicense(deps, { fileName: 'x.lic', content: await issuer.sign({ machineId }) });
    const text = await readFile(join(deps.dataDir, 'state.json'), 'utf8');
    expect(text).not.toContain(issuer.key.privateKeyPkcs8Base64);
    expect(text).not.toMatch(/tsk_/);
    expect((await stat(join(deps.dataDir, 'state.json'))).mode & 0o777).toBe(0o600);
  });
});
