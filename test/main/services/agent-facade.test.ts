import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, methodOf } from '../../../shared/contracts/ipc';
import { ok } from '../../../shared/result';
import { createAgentApi } from '../../../src-main/services/agent-api';
import { createSessionManager } from '../../../src-main/services/session-service';
import type { AgentStatus } from '../../../src-main/services/status-events';
import { buildAgent } from '../support-agent';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kse', kind: 'per-user', quota: 5 }], ['kse']);

describe('createAgentApi facade', () => {
  it('implements every channel of the IPC contract', async () => {
    const deps = await buildAgent(await tempDir());
    const api = createAgentApi(deps, createSessionManager(deps));
    for (const channel of IPC_CHANNELS) expect(typeof api[methodOf(channel)], channel).toBe('function');
  });

  it('reports machine info with component presence only, and a request file without raw serials', async () => {
    const deps = await buildAgent(await tempDir());
    const api = createAgentApi(deps, createSessionManager(deps));
    const info = valueOf(await api.machineGetInfo({}));
    expect(info.components.map((c) => c.name)).toContain('osMachineId');
    const file = valueOf(await api.machineSaveRequest({}));
    expect(file.fileName).toBe(`tessera-machine-${info.machineId}.json`);
    expect(JSON.parse(file.content)).toMatchObject({ machineId: info.machineId });
  });

  it('stores the key without ever returning it; has/delete report only presence', async () => {
    const { api } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const has = valueOf(await api.keyHas({}));
    expect(has).toEqual({ hasKey: true, serverUrl: world.url });
    expect(JSON.stringify(has)).not.toContain(world.org.member.apiKey);
    expect(valueOf(await api.serverGetConfig({}))).toEqual({
      config: { mode: 'remote', url: world.url },
      activeUrl: world.url,
    });
    expect(valueOf(await api.accountGetMe({})).user.email).toBe(world.org.member.email);
    expect(valueOf(await api.keyDelete({}))).toEqual({ hasKey: false, serverUrl: world.url });
    const refused = await api.licenseActivate({ productId: 'kse' });
    expect(refused.ok ? '' : refused.error.code).toBe('NO_API_KEY');
  });

  it('switches to the embedded server through the handle the Electron glue passes', async () => {
    const deps = await buildAgent(await tempDir());
    const api = createAgentApi(deps, createSessionManager(deps), {
      ensureStarted: async () => ok(world.url),
    });
    expect(valueOf(await api.serverSetConfig({ mode: 'embedded' }))).toEqual({
      config: { mode: 'embedded' },
      activeUrl: world.url,
    });
  });

  it('pushes a status event after an activation', async () => {
    const { api } = await signedInAgent(await tempDir(), world.url, world.org.admin.apiKey);
    const seen: AgentStatus[] = [];
    const unsubscribe = api.onLicenseStatusChanged((status) => seen.push(status));
    valueOf(await api.licenseActivate({ productId: 'kse' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    unsubscribe();
    expect(seen.at(-1)?.products.find((p) => p.productId === 'kse')?.canRun).toBe(true);
  });

  it('R15 the admin proxy passes the server refusal through when a member tries an admin operation', async () => {
    const { api } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const machine = valueOf(await api.machineGetInfo({}));
    const result = await api.adminCreateOfflineLicense({
      orgId: world.org.orgId,
      productId: 'kse',
      machineId: machine.machineId,
    });
    expect(result.ok ? 'created' : result.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('R19 heartbeats the per-User session that came with the activation', async () => {
    const { api, deps, sessions } = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const activated = valueOf(await api.licenseActivate({ productId: 'kse' }));
    const sessionId = activated.session?.sessionId ?? '';
    const before = valueOf(await deps.store.load()).sessions[sessionId]?.lastHeartbeatAt ?? 0;
    await new Promise((resolve) =>
      setTimeout(resolve, (activated.session?.heartbeatIntervalSeconds ?? 1) * 1000 + 1500),
    );
    expect(valueOf(await deps.store.load()).sessions[sessionId]?.lastHeartbeatAt).toBeGreaterThan(before);
    await sessions.stopAll();
  });

  it('R19 a per-User session taken over by another machine is reported with the reason, not taken back', async () => {
    const here = await signedInAgent(await tempDir(), world.url, world.org.owner.apiKey);
    const there = await signedInAgent(await tempDir(), world.url, world.org.owner.apiKey, 'owner-on-laptop');
    const first = valueOf(await here.api.licenseActivate({ productId: 'kse' }));
    expect(first.session?.state).toBe('active');
    valueOf(await there.api.licenseActivate({ productId: 'kse' }));
    const beat = await here.sessions.beat(first.session?.sessionId ?? '');
    expect(beat.ok ? 'still active' : beat.error.code).toBe('SESSION_ENDED');
    const status = valueOf(await here.api.licenseGetStatus({}));
    const kse = status.products.find((p) => p.productId === 'kse');
    expect(kse).toMatchObject({ canRun: false, session: null, reason: { code: 'SESSION_ENDED' } });
  });
});
