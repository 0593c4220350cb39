import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { createPostgresDatabase, DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// Failed sign-ins are counted per (address, key prefix) and per address in the database; a valid
// key is never refused because others failed, every 429 says when to come back (Retry-After).

const badKey = (): string =>
  `tsk_${randomBytes(40)
    .toString('hex')
    .replace(/[^a-z2-7]/g, 'a')
    .slice(0, 52)}`;
const SAME_BAD_KEY = `tsk_${'a'.repeat(52)}`;

const get = (server: TestServer, url: string, key?: string, forwardedFor?: string) =>
  server.app.inject({
    method: 'GET',
    url,
    headers: {
      ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}),
      ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
    },
  });

const activate = (server: TestServer, key: string) =>
  server.app.inject({
    method: 'POST',
    url: '/v1/activations',
    headers: { authorization: `Bearer ${key}` },
    payload: { productId: 'kre', machine: fakeMachine() },
  });

describe.each(DB_KINDS)('failed sign-ins (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startTestServer({
      db,
      postgresUrl: inject('postgresUrl'),
      authFailuresPerMinute: 10,
      authFailuresPerAddressPerMinute: 30,
    });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 });
  });
  afterAll(() => server.close());

  it('ten bad keys, then another user’s valid activation from the same address → 200', async () => {
    for (let i = 0; i < 10; i += 1) expect((await get(server, '/v1/me', badKey())).statusCode).toBe(401);
    expect((await activate(server, org.member.apiKey)).statusCode).toBe(200);
    expect((await get(server, '/v1/me', org.admin.apiKey)).statusCode).toBe(200);
  });

  it('one key prefix tried again and again is refused with 429 and Retry-After after ten failures', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await get(server, '/v1/me', SAME_BAD_KEY, undefined);
      expect([401, 429]).toContain(res.statusCode);
    }
    const limited = await get(server, '/v1/me', SAME_BAD_KEY);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await get(server, '/v1/me', org.owner.apiKey)).statusCode).toBe(200);
  });

  it('many different bad keys pass the per-address bar and get 429; valid keys still get in', async () => {
    let limited = 0;
    for (let i = 0; i < 40; i += 1)
      if ((await get(server, '/v1/me', badKey())).statusCode === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
    const missing = await get(server, '/v1/me');
    expect(missing.statusCode).toBe(429);
    expect(missing.headers['retry-after']).toBeDefined();
    expect((await activate(server, org.admin.apiKey)).statusCode).toBe(200);
  });

  it('the counters live in the database (shared by every process on it)', async () => {
    const rows = await server.ctx.db.selectFrom('auth_failures').selectAll().execute();
    expect(rows.some((r) => r.bucket === 'a:127.0.0.1' && r.failures > 30)).toBe(true);
  });
});

describe('client addresses behind a proxy', () => {
  it('X-Forwarded-For is ignored unless TESSERA_TRUST_PROXY names the proxy', async () => {
    const server = await startTestServer({
      db: 'pglite',
      authFailuresPerMinute: 2,
      authFailuresPerAddressPerMinute: 2,
    });
    try {
      for (let i = 0; i < 2; i += 1) await get(server, '/v1/me', badKey(), `10.0.0.${i}`);
      expect((await get(server, '/v1/me', badKey(), '10.0.0.9')).statusCode).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('with a trusted proxy each forwarded client has its own count', async () => {
    const server = await startTestServer({
      db: 'pglite',
      authFailuresPerMinute: 2,
      authFailuresPerAddressPerMinute: 2,
      trustProxy: ['127.0.0.1'],
    });
    try {
      for (let i = 0; i < 3; i += 1) await get(server, '/v1/me', badKey(), '10.0.0.1');
      expect((await get(server, '/v1/me', badKey(), '10.0.0.1')).statusCode).toBe(429);
      expect((await get(server, '/v1/me', badKey(), '10.0.0.2')).statusCode).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('routes without an API key', () => {
  it('are limited per address, 404s included, each 429 with Retry-After', async () => {
    const server = await startTestServer({ db: 'pglite', unauthenticatedPerMinute: 5 });
    try {
      for (let i = 0; i < 3; i += 1) expect((await get(server, '/healthz')).statusCode).toBe(200);
      for (let i = 0; i < 2; i += 1) expect((await get(server, `/no-such-route-${i}`)).statusCode).toBe(404);
      for (const url of ['/healthz', '/v1/issuer-keys', '/nowhere']) {
        const res = await get(server, url);
        expect(res.statusCode).toBe(429);
        expect(res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
  });
});

describe('two server processes on one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    const env = {
      DATABASE_URL: await createPostgresDatabase(inject('postgresUrl')),
      TESSERA_MASTER_KEY: randomBytes(24).toString('base64'),
      TESSERA_AUTH_FAILURES_PER_MINUTE: '3',
    };
    a = await spawnServerProcess(env);
    b = await spawnServerProcess(env);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('share one failure count: failures on one process limit the same key prefix on the other', async () => {
    const hit = (url: string) =>
      fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${SAME_BAD_KEY}` } });
    expect((await hit(a.url)).status).toBe(401);
    expect((await hit(a.url)).status).toBe(401);
    expect((await hit(b.url)).status).toBe(401);
    const limited = await hit(b.url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
