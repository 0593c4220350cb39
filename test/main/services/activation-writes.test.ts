import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { activateProduct } from '../../../src-main/services/activation-service';
import type { AgentDeps } from '../../../src-main/services/agent-deps';
import { processChainVerifier } from '../../../src-main/services/process-chain';
import { countingStore, startCountingProxy, type CountingProxy } from '../support-counting';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

// Starting the PGlite server can take minutes on a loaded shared machine.
vi.setConfig({ hookTimeout: 300_000 });
const tempDir = useTempDirs();
const world = useOnlineWorld(
  [
    { productId: 'kse', kind: 'per-user', quota: 5 },
    { productId: 'kre', kind: 'session', quota: 2 },
  ],
  ['kse'],
);
let proxy: CountingProxy;
beforeAll(async () => {
  proxy = await startCountingProxy(world.url);
});
afterAll(() => proxy?.close());

/** A signed-in agent through the counting proxy, whose store counts its locked writes. */
const countedAgent = async (apiKey = world.org.member.apiKey) => {
  const { deps } = await signedInAgent(await tempDir(), proxy.url, apiKey);
  const store = countingStore(deps.store);
  const counted: AgentDeps = Object.create(deps, { store: { value: store } }) as AgentDeps;
  proxy.reset();
  return { deps: counted, store };
};

describe('activation cost: network calls first, then one state write', () => {
  it('R19 activates with the activation and the signed time asked together, then writes the state once', async () => {
    const { deps, store } = await countedAgent();
    const first = valueOf(await activateProduct(deps, 'kse'));
    expect(store.writes).toBe(1);
    // (An activation the loaded machine answers too late is retried, so only the kinds are compared.)
    expect(new Set(proxy.requests)).toEqual(new Set(['GET /v1/time', 'POST /v1/activations']));
    expect(proxy.requests.filter((r) => r === 'GET /v1/time')).toHaveLength(1);
    expect(proxy.timeDuringActivation).toBe(true);
    // The one write holds everything the activation learned: lease, contact, trusted time.
    const state = JSON.parse(await readFile(deps.store.path, 'utf8'));
    expect(state.leases.kse.content).toBe(first.lease);
    expect(state.serverContact.reachable).toBe(true);
    expect(state.lastTrustedTime).toBeGreaterThan(0);
    // A refresh soon after (what the lease refresher does for each product) needs no second signed
    // time: one request, one write; the new lease's signed issue time still raises the floor.
    proxy.reset();
    store.writes = 0;
    valueOf(await activateProduct(deps, 'kse'));
    expect(store.writes).toBe(1);
    expect(new Set(proxy.requests)).toEqual(new Set(['POST /v1/activations']));
  });

  it('R21 KRE: a session-kind lease is stored by the same single write', async () => {
    const { deps, store } = await countedAgent(world.org.admin.apiKey);
    const answer = valueOf(await activateProduct(deps, 'kre'));
    expect(store.writes).toBe(1);
    const state = valueOf(await deps.store.load());
    expect(state.leases.kre?.content).toBe(answer.lease);
  });

  it('a lease that fails its check stores nothing but the contact and leaves the state lock free', async () => {
    const { deps, store } = await countedAgent();
    // An agent whose build trusts no root: the lease is checked while the lock is taken and fails.
    const untrusting = Object.create(deps, {
      chain: { value: processChainVerifier(globalThis.crypto.subtle, new Map()) },
    }) as AgentDeps;
    const refused = await activateProduct(untrusting, 'kse');
    expect(refused.ok ? 'activated' : refused.error.code).toBe('UNTRUSTED_ISSUER');
    expect(store.writes).toBe(1);
    const state = valueOf(await deps.store.load());
    expect(state.leases).toEqual({});
    expect(state.serverContact?.reachable).toBe(true);
    expect(existsSync(`${deps.store.path}.lock`)).toBe(false);
    // The same agent trusting its roots activates at once: nothing was left holding the lock.
    valueOf(await activateProduct(deps, 'kse'));
    expect(store.writes).toBe(2);
  });

  it('a refusal writes once (the server answered) and stores no lease', async () => {
    const { deps, store } = await countedAgent();
    const refused = await activateProduct(deps, 'nope');
    expect(refused.ok).toBe(false);
    expect(store.writes).toBe(1);
    const state = valueOf(await deps.store.load());
    expect(state.leases).toEqual({});
    expect(state.serverContact?.reachable).toBe(true);
  });
});
