import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { IssuerKeysResponse, SignedTimeResponse } from '../../shared/contracts/http/issuer';
import { ActivationResponse } from '../../shared/contracts/http/activations';
import { OfflineLicenseResponse } from '../../shared/contracts/http/offline-licenses';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { ensureSigningKey } from '../../src-server/keys/signing-keys';
import { rootChain } from '../support/root-chain';
import { resolveMasterKey } from '../../src-server/keys/master-key';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { spawnServerProcess } from '../support/server-process';
import { DB_KINDS } from '../support/test-server';
import { post, STRESS, type Outcome } from './support/load';
import { auditOf } from './support/audit';
import { createPersistentDb, RELIABILITY_SECRET } from './support/persistent-db';

const QUOTA = STRESS ? 200 : 40;
const REQUESTS = STRESS ? 600 : 160;
const IN_FLIGHT = 16;
const KILL_AFTER_ACKS = QUOTA / 2; // below the quota, so the kill always comes mid-load
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const issuerKeys = async (base: string) =>
  IssuerKeysResponse.parse(await (await fetch(`${base}/v1/issuer-keys`)).json()).keys;

describe.each(DB_KINDS)('SIGKILL of the license server under load (%s)', (kind) => {
  it('R9 R21 every acknowledged activation and offline license survives, nothing is half done, quota and signing key intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
    dirs.push(dataDir);
    const store = await createPersistentDb(kind, dataDir, inject('postgresUrl'));
    const seedCtx = await store.open();
    const org = await seedOrg(seedCtx, 'Crash');
    const subId = await seedSubscription(seedCtx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: QUOTA,
    });
    await seedCtx.close();

    const first = await spawnServerProcess(store.serverEnv);
    const keysBefore = await issuerKeys(first.url);
    const acked: { activations: string[]; offline: Map<string, string> } = {
      activations: [],
      offline: new Map(),
    };
    let killed = false;
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const record = (i: number, outcome: Outcome): void => {
      if (outcome.kind !== 'ok' || !('body' in outcome)) return;
      if (i % 2 === 0) acked.activations.push(ActivationResponse.parse(outcome.body).machineId);
      else {
        const file = OfflineLicenseResponse.parse(outcome.body);
        acked.offline.set(file.id, file.content);
      }
      if (!killed && acked.activations.length + acked.offline.size >= KILL_AFTER_ACKS) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < REQUESTS && !killed) {
        const i = next++;
        const outcome = await post({
          base: first.url,
          key: org.admin.apiKey,
          ...(i % 2 === 0
            ? { path: '/v1/activations', body: { productId: 'kre', machine: fakeMachine() } }
            : {
                path: `/v1/orgs/${org.orgId}/offline-licenses`,
                body: { productId: 'kre', machineId: fakeMachine().machineId },
              }),
        });
        record(i, outcome);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const killedMidLoad = killed;
    if (!killed) first.child.kill('SIGKILL');
    await exited;
    expect(killedMidLoad).toBe(true);
    await first.stop();

    const second = await spawnServerProcess(store.serverEnv);
    expect(await issuerKeys(second.url)).toEqual(keysBefore);
    const signedTime = SignedTimeResponse.parse(
      await (await fetch(`${second.url}/v1/time?nonce=after-crash-1`)).json(),
    );
    expect(signedTime.kid).toBe(keysBefore.find((k) => k.active)?.kid);
    await second.stop();

    const ctx = await store.open();
    try {
      const live = await ctx.db
        .selectFrom('activations as a')
        .innerJoin('machines as m', 'm.id', 'a.machine_ref')
        .select('m.machine_id')
        .where('a.subscription_id', '=', subId)
        .where('a.deactivated_at', 'is', null)
        .execute();
      const liveIds = new Set(live.map((a) => a.machine_id));
      for (const machineId of acked.activations) expect(liveIds).toContain(machineId);
      const offline = await ctx.db
        .selectFrom('offline_licenses')
        .select(['id', 'content', 'machine_id'])
        .where('subscription_id', '=', subId)
        .execute();
      for (const [id, content] of acked.offline)
        expect(offline.find((o) => o.id === id)?.content).toBe(content);
      for (const row of offline) {
        const verified = await verifyLicense(await rootChain(ctx.db), row.content, {
          expectedMachineId: row.machine_id,
          expectedProductId: 'kre',
          now: Date.now(),
        });
        expect(verified.ok).toBe(true);
      }
      const audited = await auditOf(ctx.db, org.orgId, 'offline.created');
      expect(audited).toHaveLength(offline.length);
      expect(live.length + offline.length).toBeLessThanOrEqual(QUOTA);
      expect(await ensureSigningKey(ctx.db, resolveMasterKey(RELIABILITY_SECRET, dataDir).key)).toEqual({
        kid: keysBefore.find((k) => k.active)?.kid,
        created: false,
      });
      await ctx.signer.active(ctx.db);
    } finally {
      await ctx.close();
    }
  });
});
