import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { createSessionManager, type SessionManager } from '../../src-main/services/session-service';
import { createAgentApi } from '../../src-main/services/agent-api';
import type { AgentDeps } from '../../src-main/services/agent-deps';
import type { AgentBridge } from '../../shared/contracts/ipc';
import { buildAgent } from './support-agent';
import { readHardwareFacts } from '../../src-main/adapters/hardware-facts';

/** A real license server on loopback (PGlite) with one organization and its subscriptions. */
export interface OnlineWorld {
  server: TestServer;
  org: SeededOrg;
  url: string;
}

/** Starts the license server (test/support/test-server.ts) once per file, seeded with KSE per-User and KRE session subscriptions. */
export const useOnlineWorld = (
  subscriptions: { productId: string; kind: string; quota: number; machineQuota?: number }[],
  seats: string[] = [],
) => {
  const world = {} as OnlineWorld;
  beforeAll(async () => {
    world.server = await startTestServer({ db: 'pglite', listen: true, sessionTtlSeconds: 8 });
    world.org = await seedOrg(world.server.ctx);
    for (const s of subscriptions) await seedSubscription(world.server.ctx, world.org.orgId, s);
    world.url = world.server.url ?? '';
    for (const productId of seats) {
      for (const user of [world.org.owner, world.org.admin, world.org.member]) {
        const granted = await fetch(`${world.url}/v1/orgs/${world.org.orgId}/seats`, {
          method: 'POST',
          headers: { authorization: `Bearer ${world.org.owner.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ productId, userId: user.userId }),
        });
        if (!granted.ok) throw new Error(`seat grant failed: ${await granted.text()}`);
      }
    }
  });
  afterAll(() => world.server?.close());
  return world;
};

/** An agent with its own data folder and keychain account, signed in with `apiKey` through the facade. */
export interface OnlineAgent {
  deps: AgentDeps;
  api: AgentBridge;
  sessions: SessionManager;
}

/** This machine's real components, presented as a physical workstation (this test box is a container). */
const asWorkstation = (osUser?: string) => async () => {
  const facts = await readHardwareFacts();
  return {
    ...facts,
    osUser: osUser ?? facts.osUser,
    virtualization: { systemManufacturer: 'Dell Inc.', systemModel: 'OptiPlex 7090', containerMarkers: [] },
  };
};

/** Builds an agent against `url` and stores the key through `key:set` (real keychain). */
export const signedInAgent = async (
  dataDir: string,
  url: string,
  apiKey: string,
  osUser?: string,
  options: { realVirtualization?: boolean } = {},
): Promise<OnlineAgent> => {
  const deps = await buildAgent(dataDir, {
    account: `test-${randomUUID()}`,
    ...(options.realVirtualization ? {} : { readFacts: asWorkstation(osUser) }),
  });
  const sessions = createSessionManager(deps);
  const api = createAgentApi(deps, sessions);
  const set = await api.keySet({ serverUrl: url, apiKey });
  if (!set.ok) throw new Error(set.error.message);
  return { deps, api, sessions };
};

/** Unwraps a success or fails the test with the refusal's code and sentence (clearer than `ok: false`). */
export const valueOf = <T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
