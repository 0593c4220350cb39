import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createAgentApi } from '../../../src-main/services/agent-api';
import { createSessionManager } from '../../../src-main/services/session-service';
import { freePort } from '../../support/postgres-cluster';
import { buildAgent } from '../support-agent';
import { useOnlineWorld } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'session', quota: 1 }]);

const agentApi = async () => {
  const deps = await buildAgent(await tempDir(), { account: `test-${randomUUID()}` });
  return { deps, api: createAgentApi(deps, createSessionManager(deps)) };
};

describe('desktop setup: choosing a server', () => {
  it('says nothing is connected when no server answers at the address, and saves nothing', async () => {
    const { api, deps } = await agentApi();
    const dead = `http://127.0.0.1:${await freePort()}`;
    const chosen = await api.serverSetConfig({ mode: 'remote', url: dead });
    expect(chosen.ok).toBe(false);
    if (!chosen.ok) expect(chosen.error.code).toMatch(/^SERVER_UN(REACHABLE|AVAILABLE)$/);
    expect(deps.serverUrl()).toBeUndefined();
    const state = await api.serverGetConfig({});
    expect(state.ok && state.value.activeUrl).toBeFalsy();
  });

  it('connects only after the server answered', async () => {
    const { api } = await agentApi();
    const chosen = await api.serverSetConfig({ mode: 'remote', url: world.url });
    expect(chosen.ok && chosen.value.activeUrl).toBe(world.url);
  });

  it('stores no API key the server did not accept, even when the server is unreachable', async () => {
    const { api } = await agentApi();
    const dead = `http://127.0.0.1:${await freePort()}`;
    const set = await api.keySet({ serverUrl: dead, apiKey: 'tsk_whatever' });
    expect(set.ok).toBe(false);
    const has = await api.keyHas({});
    expect(has.ok && has.value.hasKey).toBe(false);
  });
});
