import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

describe('OpenAPI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite' });
  });
  afterAll(() => server?.close());

  it('gives every operation a summary and a description', async () => {
    const answer = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = answer.json<{
      paths: Record<string, Record<string, { summary?: string; description?: string }>>;
    }>();
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.summary?.trim() || !operation.description?.trim())
          missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
