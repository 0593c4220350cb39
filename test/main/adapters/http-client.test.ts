import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createHttpClient } from '../../../src-main/adapters/http-client';

// A minimal real HTTP server on loopback, only to exercise the client's transport behaviour.
const retry = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };
const schema = z.object({ value: z.number() });
let app: FastifyInstance;
let base: string;
const hits = new Map<string, number>();
const count = (name: string) => {
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  return n;
};

beforeAll(async () => {
  app = Fastify();
  app.get('/ok', async () => ({ value: 1 }));
  app.get('/flaky', async (_req, reply) => (count('flaky') < 3 ? reply.code(503).send({}) : { value: 3 }));
  app.post('/post-500', async (_req, reply) => {
    count('post');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'secret stack' } });
  });
  app.get('/limited', async (_req, reply) =>
    count('limited') < 2 ? reply.code(429).header('retry-after', '1').send({}) : { value: 2 },
  );
  app.get('/limited-long', async (_req, reply) => reply.code(429).header('retry-after', '3600').send({}));
  app.get('/slow', async () => new Promise((resolve) => setTimeout(() => resolve({ value: 0 }), 1_000)));
  app.get('/refused', async (_req, reply) =>
    reply.code(409).send({
      error: {
        code: 'LICENSE_QUOTA_EXCEEDED',
        message: 'The number of licenses cannot exceed the license quota.',
      },
    }),
  );
  app.get('/weird', async () => ({ nope: true }));
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

describe('http-client', () => {
  it('returns the validated body on success', async () => {
    const result = await createHttpClient(base).send({ method: 'GET', path: '/ok', schema });
    expect(result).toEqual({ ok: true, value: { value: 1 } });
  });

  it('retries an idempotent call through 5xx with backoff and then succeeds', async () => {
    const result = await createHttpClient(base, { retry }).send({ method: 'GET', path: '/flaky', schema });
    expect(result).toEqual({ ok: true, value: { value: 3 } });
    expect(hits.get('flaky')).toBe(3);
  });

  it('never retries a non-idempotent POST and reports 5xx as SERVER_UNAVAILABLE without server details', async () => {
    const result = await createHttpClient(base, { retry }).send({
      method: 'POST',
      path: '/post-500',
      body: {},
      schema,
    });
    expect(hits.get('post')).toBe(1);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('SERVER_UNAVAILABLE');
      expect(result.error.message).not.toContain('secret');
    }
  });

  it('honours Retry-After on 429 and succeeds afterwards', async () => {
    const started = Date.now();
    const result = await createHttpClient(base, { retry }).send({ method: 'GET', path: '/limited', schema });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('reports RATE_LIMITED with the wait when Retry-After is too long to wait for', async () => {
    const result = await createHttpClient(base, { retry }).send({
      method: 'GET',
      path: '/limited-long',
      schema,
    });
    expect(result.ok ? undefined : result.error.code).toBe('RATE_LIMITED');
    expect(result.ok ? '' : result.error.message).toContain('3600 seconds');
  });

  it('reports a timeout as SERVER_UNAVAILABLE, never as an invalid license', async () => {
    const result = await createHttpClient(base, { timeoutMs: 100, retry: { ...retry, retries: 0 } }).send({
      method: 'GET',
      path: '/slow',
      schema,
    });
    expect(result.ok ? undefined : result.error.code).toBe('SERVER_UNAVAILABLE');
  });

  it('reports a closed port as SERVER_UNREACHABLE', async () => {
    const closed = Fastify();
    const url = await closed.listen({ host: '127.0.0.1', port: 0 });
    await closed.close();
    const result = await createHttpClient(url, { retry: { ...retry, retries: 1 } }).send({
      method: 'GET',
      path: '/ok',
      schema,
    });
    expect(result.ok ? undefined : result.error.code).toBe('SERVER_UNREACHABLE');
  });

  it("passes the server's refusal code and sentence through (R17)", async () => {
    const result = await createHttpClient(base).send({ method: 'GET', path: '/refused', schema });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'LICENSE_QUOTA_EXCEEDED',
        message: 'The number of licenses cannot exceed the license quota.',
      },
    });
  });

  it('refuses an answer that does not match the contract', async () => {
    const result = await createHttpClient(base).send({ method: 'GET', path: '/weird', schema });
    expect(result.ok ? undefined : result.error.code).toBe('INTERNAL');
  });
});
