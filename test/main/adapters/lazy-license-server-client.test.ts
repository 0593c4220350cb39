import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyLicenseServerClient } from '../../../src-main/adapters/lazy-license-server-client';
import { openLicenseServerClient } from '../../../src-main/adapters/open-license-server-client';

// A real loopback server and the real transport: the lazy client must answer exactly as the loaded one.
let app: FastifyInstance;
let base: string;
let healthz = 0;

beforeAll(async () => {
  app = Fastify();
  app.get('/healthz', async () => {
    healthz += 1;
    return { status: 'ok' };
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

describe('the license-server client loaded on first request', () => {
  it('loads the transport only when a call is made, once, and answers as the real client', async () => {
    let loads = 0;
    const client = lazyLicenseServerClient(base, async () => {
      loads += 1;
      return openLicenseServerClient(base, { timeoutMs: 5_000 });
    });
    expect(client.baseUrl).toBe(base);
    expect(loads).toBe(0); // building the agent (e.g. for `tessera status`) loads nothing
    const [first, second] = await Promise.all([client.health(), client.health()]);
    expect(first).toEqual({ ok: true, value: { status: 'ok' } });
    expect(second).toEqual(first);
    expect(await client.health()).toEqual(first);
    expect(loads).toBe(1);
    expect(healthz).toBe(3);
  });

  it('forwards the arguments of every call and its typed refusal', async () => {
    const client = lazyLicenseServerClient(base, async () =>
      openLicenseServerClient(base, { timeoutMs: 5_000 }),
    );
    // No such route on this server: the real transport's refusal, unchanged by the wrapper.
    const refused = await client.me('tsk_not_a_key');
    expect(refused.ok).toBe(false);
    const direct = await openLicenseServerClient(base, { timeoutMs: 5_000 }).me('tsk_not_a_key');
    expect(refused).toEqual(direct);
  });
});
