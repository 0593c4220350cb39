import Ajv from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ErrorBody } from '../../shared/contracts/http/common';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { STRESS } from './support/load';
import { listRoutes, sample, sampleUrl, type Route, type Samples } from './support/openapi-routes';

const RUNS = STRESS ? 300 : 25;
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });

/** A valid body with one property replaced, removed or added: the inputs most likely to slip through. */
const mutated = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.jsonValue(),
    fc
      .record({ key: fc.constantFrom(...Object.keys(valid), 'extra'), value: fc.jsonValue() })
      .map(({ key, value }) => ({
        ...valid,
        [key]: value,
      })),
    fc
      .constantFrom(...Object.keys(valid))
      .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  );

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl'), listen: true });
});
afterAll(() => server.close());

describe('fuzzing every HTTP body, path and query schema from the OpenAPI document', () => {
  let org: SeededOrg;
  let routes: Route[];
  let samples: Samples;
  beforeAll(async () => {
    org = await seedOrg(server.ctx, 'Fuzz');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 1000 });
    routes = await listRoutes(server.app);
    samples = {
      orgId: () => org.orgId,
      productId: () => 'kre',
      userId: () => org.member.userId,
      machineId: () => fakeMachine().machineId,
      machine: () => fakeMachine(),
    };
  });

  const send = async (route: Route, url: string, body?: string) => {
    const res = await server.app.inject({
      method: route.method,
      url,
      headers: {
        authorization: `Bearer ${org.owner.apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: body } : {}),
    });
    return { status: res.statusCode, json: JSON.parse(res.body) as unknown };
  };

  it('no body crashes a route (no 5xx), and a body its schema rejects is never accepted', async () => {
    const withBody = routes.filter((r) => r.body !== undefined);
    expect(withBody.length).toBeGreaterThan(3);
    for (const route of withBody) {
      const schema = route.body ?? {};
      const validate = ajv.compile(schema);
      const valid = sample(schema, samples) as Record<string, unknown>;
      await fc.assert(
        fc.asyncProperty(mutated(valid), async (body) => {
          const res = await send(route, sampleUrl(route, samples), JSON.stringify(body));
          expect(res.status, `${route.method} ${route.path} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (!validate(body)) {
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(ErrorBody.safeParse(res.json).success).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('no path or query value crashes a route (no 5xx)', async () => {
    for (const route of routes.filter((r) => r.params.length > 0)) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...route.params.map((p) => p.name)),
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.constantFrom('', '-1', '1e309', 'null', '..%2f'),
          ),
          async (name, value) => {
            const body = route.body ? JSON.stringify(sample(route.body, samples)) : undefined;
            const res = await send(route, sampleUrl(route, samples, { [name]: value }), body);
            expect(res.status, `${route.method} ${route.path} ${name}=${JSON.stringify(value)}`).toBeLessThan(
              500,
            );
          },
        ),
        { numRuns: RUNS },
      );
    }
  });

  it('a NUL or other control character in any path, query or body string is refused with 4xx, never 5xx', async () => {
    const wrong: string[] = [];
    for (const route of routes)
      for (const p of route.params)
        for (const value of ['\u0000abcd', 'ab\u0000cd', '\u0001\u001f\u007f']) {
          const body = route.body ? JSON.stringify(sample(route.body, samples)) : undefined;
          const res = await send(route, sampleUrl(route, samples, { [p.name]: value }), body);
          if (res.status >= 500)
            wrong.push(`${route.method} ${route.path} ${p.name}=${JSON.stringify(value)}`);
        }
    for (const route of routes.filter((r) => r.body !== undefined)) {
      const valid = sample(route.body ?? {}, samples) as Record<string, unknown>;
      for (const key of Object.keys(valid).filter((k) => typeof valid[k] === 'string')) {
        const res = await send(
          route,
          sampleUrl(route, samples),
          JSON.stringify({ ...valid, [key]: 'ab\u0000cd' }),
        );
        if (res.status >= 500) wrong.push(`${route.method} ${route.path} body.${key}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('request limits', () => {
  const postRaw = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/v1/activations`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('refuses a 5 MB body with 413 before reading it all, and keeps serving', async () => {
    const res = await postRaw(JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses deeply nested, malformed and non-JSON bodies cleanly with 4xx, and keeps serving', async () => {
    const nested = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const [body, type] of [
      [nested, 'application/json'],
      [deepObject, 'application/json'],
      ['{"productId": "kre", ', 'application/json'],
      ['productId=kre', 'application/x-www-form-urlencoded'],
      ['<xml/>', 'application/xml'],
    ] as const) {
      const res = await postRaw(body, type);
      expect(res.status, `${type} ${body.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
