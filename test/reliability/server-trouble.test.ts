import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { refreshDueLeases } from '../../src-main/services/lease-refresher';
import { createAgentApi } from '../../src-main/services/agent-api';
import { createSessionManager } from '../../src-main/services/session-service';
import { computeStatus } from '../../src-main/services/status-service';
import { writeVendorRoots } from '../main/support-vendor-roots';
import { buildAgent } from '../main/support-agent';
import { valueOf } from '../main/support-online';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';

type Mode = 'pass' | 'reset' | '500' | '429' | 'slow';
const AGENT_TIMEOUT_MS = 1_000;

/** A loopback proxy in front of the real server that can drop, fail, throttle or stall every request. */
function faultProxy(target: string) {
  const state = { mode: 'pass' as Mode, requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = async (): Promise<void> => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
          ),
        );
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          body,
        });
        res.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        res.end(Buffer.from(await answer.arrayBuffer()));
      };
      const fail = (status: number, code: string): void => {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code, message: 'injected fault' } }));
      };
      if (state.mode === 'reset') req.socket.destroy();
      else if (state.mode === '500') fail(500, 'INTERNAL');
      else if (state.mode === '429') fail(429, 'RATE_LIMITED');
      else if (state.mode === 'slow')
        setTimeout(() => void forward().catch(() => res.destroy()), AGENT_TIMEOUT_MS * 3);
      else void forward().catch(() => res.destroy());
    });
  });
  return { state, server };
}

describe('agent when its license server misbehaves (unreachable, 500, 429, slow) and comes back', () => {
  let server: TestServer;
  let org: SeededOrg;
  let proxy: ReturnType<typeof faultProxy>;
  let proxyUrl = '';
  let dataDir = '';
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl'), listen: true });
    org = await seedOrg(server.ctx, 'Trouble');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    proxy = faultProxy(server.url ?? '');
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-trouble-'));
  });
  afterAll(async () => {
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the valid lease through every fault, sends a bounded number of requests, and refreshes once the server is back', async () => {
    // A test build shipping this server's root, as a vendor build ships it in resources/trust-roots.json.
    const deps = await buildAgent(dataDir, {
      account: `trouble-${randomUUID()}`,
      http: { timeoutMs: AGENT_TIMEOUT_MS },
      env: {
        TESSERA_TEST_TRUST_ROOTS: await writeVendorRoots(server, dataDir),
        TESSERA_TEST_POLICY_PATH: join(dataDir, 'no-policy.json'),
      },
    });
    const api = createAgentApi(deps, createSessionManager(deps));
    valueOf(await api.keySet({ serverUrl: proxyUrl, apiKey: org.member.apiKey }));
    valueOf(await api.licenseActivate({ productId: 'kre' }));
    const leaseOf = async () =>
      JSON.parse(await readFile(deps.store.path, 'utf8')).leases.kre as { refreshedAt: number };
    const before = await leaseOf();

    for (const mode of ['reset', '500', '429', 'slow'] as const) {
      proxy.state.mode = mode;
      proxy.state.requests = 0;
      expect(await refreshDueLeases(deps, true), mode).toEqual([]);
      const kre = valueOf(await computeStatus(deps)).products.find((p) => p.productId === 'kre');
      expect(kre, mode).toMatchObject({ canRun: true, source: 'lease' });
      expect(kre?.reason ?? null, mode).toBeNull();
      expect(await leaseOf(), mode).toEqual(before);
      expect(proxy.state.requests, `${mode}: requests for one refresh`).toBeLessThanOrEqual(4);
    }

    proxy.state.mode = 'pass';
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await refreshDueLeases(deps, true)).toEqual(['kre']);
    expect((await leaseOf()).refreshedAt).toBeGreaterThan(before.refreshedAt);
    const kre = valueOf(await computeStatus(deps)).products.find((p) => p.productId === 'kre');
    expect(kre).toMatchObject({ canRun: true, source: 'lease' });
  });
});
