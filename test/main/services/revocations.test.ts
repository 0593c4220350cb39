import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSigningKey } from '../../../shared/crypto/issuer-keys';
import { signRevocationList } from '../../../shared/trust/revocation-list';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe } from '../../../src-main/adapters/hardware-probe';
import { importOfflineLicense } from '../../../src-main/services/offline-import';
import { computeStatus } from '../../../src-main/services/status-service';
import { buildAgent } from '../support-agent';
import { createTestIssuer, type TestIssuer } from '../support-licenses';
import { valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const subtle = globalThis.crypto.subtle;
const tempDir = useTempDirs();
let machineId: string;
let current: TestIssuer;
let withdrawn: TestIssuer;

beforeAll(async () => {
  machineId = valueOf(await createHardwareProbe(undefined, readHardwareFacts).machineId());
  current = await createTestIssuer('Vendor');
  withdrawn = await createTestIssuer('Vendor', current.root);
});

const listOf = async (serial: number, revoked: string[]) =>
  signRevocationList(subtle, await importSigningKey(subtle, current.root.privateKeyPkcs8Base64), {
    v: 1,
    rootKid: current.root.kid,
    serial,
    issuedAt: new Date().toISOString(),
    revoked: revoked.map((kid) => ({ kid, revokedAt: new Date().toISOString(), reason: 'key compromised' })),
  });

describe('revocation lists the agent keeps', () => {
  it('keeps the verified list with the highest serial per root and refuses files of a key it revokes, even files carrying no list', async () => {
    const dir = await tempDir();
    const deps = await buildAgent(dir, {
      env: { TESSERA_TEST_TRUST_ROOTS: await current.writeRootsFile(dir) },
    });
    // A file of the soon-withdrawn key is accepted while no list names it.
    valueOf(
      await importOfflineLicense(deps, {
        fileName: 'KRE.lic',
        content: await withdrawn.sign({ machineId, productId: 'kre', licenseKind: 'session' }),
      }),
    );
    const newer = await listOf(2, [withdrawn.key.kid]);
    const carrying = await current.sign({ machineId }, newer);
    valueOf(await importOfflineLicense(deps, { fileName: 'KSE.lic', content: carrying }));
    const kept = JSON.parse(await readFile(deps.store.path, 'utf8')).revocations;
    expect(kept).toEqual({ [current.root.kid]: newer });
    // An older list (serial 1, empty) does not replace it.
    valueOf(
      await importOfflineLicense(deps, {
        fileName: 'KSE.lic',
        content: await current.sign({ machineId }, await listOf(1, [])),
      }),
    );
    expect(JSON.parse(await readFile(deps.store.path, 'utf8')).revocations).toEqual({
      [current.root.kid]: newer,
    });
    const refused = await importOfflineLicense(deps, {
      fileName: 'KRE.lic',
      content: await withdrawn.sign({ machineId, productId: 'kre', licenseKind: 'session' }),
    });
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('SIGNING_KEY_REVOKED');
    const status = valueOf(await computeStatus(deps));
    expect(status.products.find((p) => p.productId === 'kre')).toMatchObject({
      canRun: false,
      reason: { code: 'SIGNING_KEY_REVOKED' },
    });
    expect(status.products.find((p) => p.productId === 'kse')).toMatchObject({ canRun: true });
  });

  it('ignores a list edited into state.json: it must verify against the roots', async () => {
    const dir = await tempDir();
    const deps = await buildAgent(dir, {
      env: { TESSERA_TEST_TRUST_ROOTS: await current.writeRootsFile(dir) },
    });
    const forged = { ...(await listOf(3, [current.key.kid])), sig: (await listOf(4, [])).sig };
    valueOf(
      await deps.store.update((state) => {
        state.revocations[current.root.kid] = forged;
        return { ok: true, value: { state, value: undefined } };
      }),
    );
    valueOf(
      await importOfflineLicense(deps, { fileName: 'KSE.lic', content: await current.sign({ machineId }) }),
    );
  });
});
