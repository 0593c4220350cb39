import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGNED_TIME_PREFIX,
  SignedTimePayload,
  SignedTimeResponse,
  IssuerKeysResponse,
} from '../../shared/contracts/http/issuer';
import { verifyPrefixed } from '../../shared/crypto/prefixed-signature';
import { nodeSubtle } from '../../src-server/keys/signing-keys';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';
import { call, refusal } from './helpers';

describe('HTTP app', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      db: 'pglite',
      listen: true,
      logStream: { write: (line) => void logLines.push(line) },
    });
  });
  afterAll(() => server.close());

  it('publishes OpenAPI at /openapi.json with every agent operation, and the docs UI at /docs', async () => {
    const spec = (await call(server.app, 'GET', '/openapi.json')).body as { paths: Record<string, unknown> };
    for (const path of [
      '/v1/me',
      '/v1/activations',
      '/v1/activations/{machineId}',
      '/v1/sessions',
      '/v1/sessions/{sessionId}/heartbeat',
      '/v1/orgs/{orgId}/offline-licenses',
      '/v1/issuer-keys',
      '/v1/time',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    const docs = await server.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    // The UI is loaded on its first request (not at start), and serves the same document and its files.
    const json = await server.app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys((json.json() as { paths: Record<string, unknown> }).paths)).toEqual(
      Object.keys(spec.paths),
    );
    const css = await server.app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' });
    expect([css.statusCode, css.headers['content-type']]).toEqual([200, expect.stringMatching(/text\/css/)]);
    expect((await server.app.inject({ method: 'GET', url: '/docs/static/nothing.js' })).statusCode).toBe(404);
  });

  it('answers health and readiness over real loopback HTTP', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ok' });
  });

  it('refuses invalid bodies with 400 VALIDATION_FAILED and unknown routes with 404 NOT_FOUND', async () => {
    const org = await seedOrg(server.ctx);
    const bad = await call(server.app, 'POST', '/v1/activations', {
      key: org.member.apiKey,
      body: { productId: 'kre' },
    });
    expect(bad.status).toBe(400);
    expect(refusal(bad.body).code).toBe('VALIDATION_FAILED');
    const missing = await call(server.app, 'GET', '/v1/nothing-here');
    expect([missing.status, refusal(missing.body).code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(`${server.url}/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'kre', machine: fakeMachine(), pad: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(413);
    expect(refusal(await res.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('signs the server time with the active issuer key and echoes the nonce', async () => {
    const body = SignedTimeResponse.parse(
      (await call(server.app, 'GET', '/v1/time?nonce=abcdefgh1234')).body,
    );
    expect(SignedTimePayload.parse(JSON.parse(body.payload))).toEqual({
      now: body.now,
      nonce: 'abcdefgh1234',
    });
    const keys = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    const trusted = new Map(keys.map((k) => [k.kid, k.publicKey]));
    expect(
      await verifyPrefixed(nodeSubtle, trusted, body.kid, SIGNED_TIME_PREFIX, body.payload, body.sig),
    ).toBe('valid');
    const forged = body.payload.replace(body.now.slice(0, 4), '2001');
    expect(await verifyPrefixed(nodeSubtle, trusted, body.kid, SIGNED_TIME_PREFIX, forged, body.sig)).toBe(
      'invalid',
    );
  });

  it('never writes API keys to the log', async () => {
    const org = await seedOrg(server.ctx, 'Logs');
    await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${org.member.apiKey}` } });
    await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${org.member.apiKey}x` } });
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(org.member.apiKey);
  });

  it('logs checkouts but not successful heartbeats (the busiest route logs from warn up)', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 1 });
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine.machineId);
    if (!session.ok) throw new Error(session.error.message);
    const id = session.value.session.id;
    const beat = await call(server.app, 'POST', `/v1/sessions/${id}/heartbeat`, { key: org.member.apiKey });
    expect(beat.status).toBe(200);
    expect(logLines.some((l) => l.includes('"/v1/sessions"'))).toBe(true);
    expect(logLines.filter((l) => l.includes(`/v1/sessions/${id}/heartbeat`))).toEqual([]);
  });
});

describe('HTTP app with its database gone', () => {
  it('hides 5xx details behind INTERNAL and reports not ready', async () => {
    const server = await startTestServer({ db: 'pglite' });
    const org = await seedOrg(server.ctx);
    await server.ctx.db.destroy();
    const res = await call(server.app, 'GET', '/v1/me', { key: org.member.apiKey });
    expect(res.status).toBe(500);
    expect(refusal(res.body)).toEqual({
      code: 'INTERNAL',
      message: 'The license server hit an internal error; try again later.',
    });
    expect((await call(server.app, 'GET', '/readyz')).status).toBe(503);
    await server.app.close();
  });
});
