import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { refreshDueLeases } from '../../../src-main/services/lease-refresher';
import { computeStatus } from '../../../src-main/services/status-service';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld(
  [
    { productId: 'kse', kind: 'per-user', quota: 5 },
    { productId: 'kre', kind: 'session', quota: 1, machineQuota: 5 },
  ],
  ['kse'],
);

describe('agent against a real license server', () => {
  it('R19 activates KSE per-User: verifies the signed lease against the roots, pins nothing and reports it runnable', async () => {
    const { api, deps } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const result = valueOf(await api.licenseActivate({ productId: 'kse' }));
    expect(result).toMatchObject({
      productId: 'kse',
      canRun: true,
      state: 'active',
      source: 'lease',
      licenseKind: 'per-user',
    });
    const state = JSON.parse(await readFile(deps.store.path, 'utf8'));
    expect(state.issuerKeys).toBeUndefined();
    expect(state.lastTrustedTime).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(state)).not.toContain(world.org.member.apiKey);
    const config = await readFile(join(deps.dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(config)).toEqual({ serverUrl: world.url, serverMode: 'remote' });
  });

  it('R19 refuses a per-User activation from a container (this test machine, real probe)', async () => {
    const { api } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey, undefined, {
      realVirtualization: true,
    });
    const refused = await api.licenseActivate({ productId: 'kse' });
    expect(refused.ok ? 'granted' : refused.error.code).toBe('FIXED_MACHINE_REQUIRED');
  });

  it('refuses to store an API key the server rejects, and stores nothing', async () => {
    const dir = await tempDir();
    await expect(signedInAgent(dir, world.url, 'tsk_not-a-real-key-at-all')).rejects.toThrow(/key/i);
  });

  it('R22 deactivation frees the license and forgets the lease', async () => {
    const { api } = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey);
    expect((await api.licenseActivate({ productId: 'kse' })).ok).toBe(true);
    const after = await api.licenseDeactivate({ productId: 'kse' });
    expect(after.ok ? after.value : after.error).toMatchObject({ canRun: false });
    const status = await api.licenseGetStatus({});
    expect(status.ok && status.value.products.find((p) => p.productId === 'kse')?.canRun).not.toBe(true);
  });

  it('R21 KRE: a session takes the only license; a parallel session is refused with the quota sentence until it ends', async () => {
    const first = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const second = await signedInAgent(await tempDir(), world.url, world.org.owner.apiKey);
    expect((await first.api.sessionStart({ productId: 'kre' })).ok).toBe(true);
    const refused = await second.api.sessionStart({ productId: 'kre' });
    expect(refused.ok ? 'granted' : refused.error.code).toBe('SESSION_QUOTA_EXCEEDED');
    expect((await first.api.sessionStop({ productId: 'kre' })).ok).toBe(true);
    expect((await second.api.sessionStart({ productId: 'kre' })).ok).toBe(true);
    await second.api.sessionStop({ productId: 'kre' });
  });

  it('R22 KRE: another machine cannot activate while the only license is reserved by this one', async () => {
    const other = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey, 'another-os-user');
    const refused = await other.api.licenseActivate({ productId: 'kre' });
    expect(refused.ok ? 'granted' : refused.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('heartbeats keep a session; after sleep (culled session) the next heartbeat checks out again', async () => {
    const agent = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const started = await agent.sessions.start('kre');
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect((await agent.sessions.beat(started.value.sessionId)).ok).toBe(true);
    world.server.advance(60_000);
    const recovered = await agent.sessions.beat(started.value.sessionId);
    world.server.advance(-60_000);
    expect(recovered.ok && recovered.value.sessionId).not.toBe(started.value.sessionId);
    await agent.sessions.stopAll();
  });

  it('R5 R8 an admin creates an offline license through the admin proxy; the user imports it on this machine', async () => {
    const admin = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey);
    const user = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    await user.api.licenseActivate({ productId: 'kse' }); // first contact pins the issuer key
    const machine = await user.api.machineGetInfo({});
    if (!machine.ok) throw new Error(machine.error.message);
    const file = await admin.api.adminCreateOfflineLicense({
      orgId: world.org.orgId,
      productId: 'kse',
      machineId: machine.value.machineId,
    });
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.fileName).toBe(`KSE_${machine.value.machineId}.lic`);
    await user.api.licenseDeactivate({ productId: 'kse' });
    const imported = await user.api.licenseImportOffline({
      fileName: file.value.fileName,
      content: file.value.content,
    });
    expect(imported).toMatchObject({
      ok: true,
      value: { productId: 'kse', canRun: true, source: 'offline' },
    });
  });
});

describe('agent when the server goes away', () => {
  const gone = useOnlineWorld([{ productId: 'kse', kind: 'per-user', quota: 3 }], ['kse']);

  it('keeps running on the lease when the server is unreachable: never reported as an invalid license', async () => {
    const { api, deps } = await signedInAgent(await tempDir(), gone.url, gone.org.member.apiKey);
    expect((await api.licenseActivate({ productId: 'kse' })).ok).toBe(true);
    await gone.server.close();
    expect(await refreshDueLeases(deps, true)).toEqual([]);
    const status = await computeStatus(deps);
    const kse = status.ok ? status.value.products.find((p) => p.productId === 'kse') : undefined;
    expect(kse).toMatchObject({ canRun: true, state: 'grace', source: 'lease' });
    expect(kse?.warnings.map((w) => w.code)).toContain('server-unreachable');
    expect(status.ok && status.value.serverReachable).toBe(false);
    const again = await api.licenseActivate({ productId: 'kse' });
    expect(again.ok ? '' : again.error.code).toBe('SERVER_UNREACHABLE');
  });
});
