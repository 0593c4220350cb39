import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { readFile } from 'node:fs/promises';
import { ok } from '../../../shared/result';
import { isRefreshDue, refreshDueLeases } from '../../../src-main/services/lease-refresher';
import { computeStatus } from '../../../src-main/services/status-service';
import { requestSignedTime } from '../../../src-main/services/signed-time';
import { buildAgent } from '../support-agent';
import { createTestIssuer } from '../support-licenses';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kse', kind: 'per-user', quota: 5 }], ['kse']);

describe('lease refresh', () => {
  it('refreshes once half of the remaining lease life has passed', () => {
    expect(isRefreshDue(0, 100, 49)).toBe(false);
    expect(isRefreshDue(0, 100, 50)).toBe(true);
  });

  it('R23 drops the lease with the server’s sentence when an admin removed the license', async () => {
    const user = await world.org.addUser('member', 'leaving');
    const admin = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey);
    const seat = { orgId: world.org.orgId, productId: 'kse', userId: user.userId };
    valueOf(await admin.api.adminAddLicensedUser(seat));
    const { api, deps } = await signedInAgent(await tempDir(), world.url, user.apiKey, 'leaving-user');
    valueOf(await api.licenseActivate({ productId: 'kse' }));
    const removed = await fetch(`${world.url}/v1/orgs/${seat.orgId}/seats/${seat.userId}?productId=kse`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${world.org.owner.apiKey}` },
    });
    expect(removed.status).toBe(200);
    expect(await refreshDueLeases(deps, true)).toEqual([]);
    const kse = valueOf(await computeStatus(deps)).products.find((p) => p.productId === 'kse');
    expect(kse).toMatchObject({ canRun: false, source: null, reason: { code: 'SEAT_REMOVED' } });
  });

  it('keeps the lease when the server answers 503 or 429: never an invalid license', async () => {
    const { api, deps } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    valueOf(await api.licenseActivate({ productId: 'kse' }));
    const before = await readFile(deps.store.path, 'utf8');
    for (const status of [503, 429]) {
      const broken = Fastify();
      broken.all('/*', async (_req, reply) => reply.code(status).header('retry-after', '60').send({}));
      const url = await broken.listen({ host: '127.0.0.1', port: 0 });
      deps.useServerUrl(url);
      await deps.secrets(new URL(url).origin).set(deps.account, world.org.member.apiKey);
      expect(await refreshDueLeases(deps, true)).toEqual([]);
      const kse = valueOf(await computeStatus(deps)).products.find((p) => p.productId === 'kse');
      expect(kse).toMatchObject({ canRun: true, source: 'lease' });
      await deps.secrets(new URL(url).origin).delete(deps.account);
      await broken.close();
    }
    expect(JSON.parse(await readFile(deps.store.path, 'utf8')).leases).toEqual(JSON.parse(before).leases);
  });

  it('raises the last trusted time from the signed server time, and ignores a time it cannot verify', async () => {
    const { api, deps } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    valueOf(await api.licenseActivate({ productId: 'kse' }));
    await deps.store.update((state) => ok({ state: { ...state, lastTrustedTime: 1 }, value: undefined }));
    const serverNow = valueOf(await requestSignedTime(deps, deps.client(world.url)).verified(new Map()));
    expect(Math.abs(serverNow - Date.now())).toBeLessThan(60_000);
    // The activation's signed time (asked beside it) raises the floor in its one state write.
    valueOf(await api.licenseActivate({ productId: 'kse' }));
    expect(valueOf(await deps.store.load()).lastTrustedTime).toBeGreaterThanOrEqual(serverNow);
    // An agent whose roots do not certify the server's signing key ignores its time.
    const dir = await tempDir();
    const stranger = await createTestIssuer('Another vendor');
    const other = await buildAgent(dir, {
      env: { TESSERA_TEST_TRUST_ROOTS: await stranger.writeRootsFile(dir) },
    });
    const untrusted = await requestSignedTime(other, other.client(world.url)).verified(new Map());
    expect(untrusted.ok ? '' : untrusted.error.code).toBe('UNTRUSTED_ISSUER');
    expect(valueOf(await other.store.load()).lastTrustedTime).toBe(0);
  });
});
