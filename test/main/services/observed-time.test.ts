import { beforeAll, describe, expect, it } from 'vitest';
import { readHardwareFacts, type HardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { importOfflineLicense } from '../../../src-main/services/offline-import';
import { computeStatus } from '../../../src-main/services/status-service';
import { snapshotFromFacts } from '../../../src-main/adapters/hardware-probe';
import { buildAgent } from '../support-agent';
import { createTestIssuer, DAY_MS, type TestIssuer } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const MINUTE = 60_000;
let issuer: TestIssuer;
let facts: HardwareFacts;
let machineId: string;

beforeAll(async () => {
  issuer = await createTestIssuer();
  facts = await readHardwareFacts();
  const snapshot = snapshotFromFacts(facts, Date.now());
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  machineId = snapshot.value.machineId;
});

describe('observed time (clock floor)', () => {
  it('R7 status records the time it saw, so a clock set back after it cannot revive an expired file', async () => {
    const dir = await tempDir();
    const t0 = Date.now();
    let now = t0;
    const deps = await buildAgent(dir, {
      now: () => now,
      readFacts: async () => facts,
      env: { TESSERA_TEST_TRUST_ROOTS: await issuer.writeRootsFile(dir) },
    });
    const content = await issuer.sign({
      machineId,
      issuedAt: new Date(t0 - MINUTE).toISOString(),
      notBefore: new Date(t0 - MINUTE).toISOString(),
      expiresAt: new Date(t0 + 10 * MINUTE).toISOString(),
    });
    expect((await importOfflineLicense(deps, { fileName: 'KSE.lic', content })).ok).toBe(true);
    for (const later of [DAY_MS, 30 * DAY_MS, 365 * DAY_MS]) {
      now = t0 + later;
      const status = await computeStatus(deps);
      expect(status.ok && status.value.products[0]).toMatchObject({ canRun: false, state: 'expired' });
    }
    now = t0 + 9 * MINUTE;
    const back = await computeStatus(deps);
    expect(back.ok && back.value.products[0]).toMatchObject({
      canRun: false,
      reason: { code: 'CLOCK_ROLLED_BACK' },
    });
    const loaded = await deps.store.load();
    expect(loaded.ok && loaded.value.lastTrustedTime).toBe(t0 + 365 * DAY_MS);
  });

  it('a status read within a few minutes of the last recorded time writes nothing', async () => {
    const dir = await tempDir();
    let now = Date.now();
    const deps = await buildAgent(dir, { now: () => now, readFacts: async () => facts });
    await computeStatus(deps);
    const first = await deps.store.load();
    now += 2 * MINUTE;
    await computeStatus(deps);
    const second = await deps.store.load();
    expect(first.ok && second.ok && second.value.lastTrustedTime).toBe(
      first.ok ? first.value.lastTrustedTime : -1,
    );
  });
});
