import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NewKeyResponse } from '../../shared/contracts/http/admin-members';
import { createApiKeyCache } from '../../src-server/auth/api-key-cache';
import { DEFAULT_API_KEY_CACHE_MS } from '../../src-server/auth/authenticate';
import type { KeyOwner } from '../../src-server/repositories/api-key-lookup';
import { seedOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { call, refusal } from './helpers';

const owner: KeyOwner = { userId: 'u1', email: 'u1@example.test' };

/** A lookup whose answers the test controls, counting the database round trips it stands for. */
function controlledLookup(initial: KeyOwner | undefined) {
  let answer = initial;
  let calls = 0;
  let gate: Promise<void> = Promise.resolve();
  return {
    lookup: async (): Promise<KeyOwner | undefined> => {
      calls += 1;
      const seen = answer;
      await gate;
      return seen;
    },
    set: (next: KeyOwner | undefined) => (answer = next),
    hold: () => {
      let open: () => void = () => undefined;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        open();
        gate = Promise.resolve();
      };
    },
    calls: () => calls,
  };
}

describe('API-key cache (R20: activation and every agent call need a live key)', () => {
  it('R20 remembers a live key for the bound, then asks the database again', async () => {
    let now = 0;
    const db = controlledLookup(owner);
    const cache = createApiKeyCache(db.lookup, { ttlMs: 5_000, maxEntries: 10, now: () => now });
    expect(await cache.ownerOf('h')).toEqual(owner);
    db.set(undefined);
    now = 4_999;
    expect(await cache.ownerOf('h')).toEqual(owner);
    now = 5_000;
    expect(await cache.ownerOf('h')).toBeUndefined();
    expect(db.calls()).toBe(2);
  });

  it('R20 never remembers an unknown or revoked key, so a new key works at once', async () => {
    const db = controlledLookup(undefined);
    const cache = createApiKeyCache(db.lookup, { ttlMs: 5_000, maxEntries: 10, now: () => 0 });
    expect(await cache.ownerOf('h')).toBeUndefined();
    db.set(owner);
    expect(await cache.ownerOf('h')).toEqual(owner);
  });

  it('R23 a lookup that started before forgetAll does not bring the revoked key back', async () => {
    const db = controlledLookup(owner);
    const cache = createApiKeyCache(db.lookup, { ttlMs: 5_000, maxEntries: 10, now: () => 0 });
    const release = db.hold();
    const inFlight = cache.ownerOf('h');
    cache.forgetAll();
    db.set(undefined);
    release();
    expect(await inFlight).toEqual(owner);
    expect(await cache.ownerOf('h')).toBeUndefined();
  });

  it('R20 with a bound of 0 every call asks the database', async () => {
    const db = controlledLookup(owner);
    const cache = createApiKeyCache(db.lookup, { ttlMs: 0, maxEntries: 10, now: () => 0 });
    await cache.ownerOf('h');
    await cache.ownerOf('h');
    expect(db.calls()).toBe(2);
  });

  it('R20 keeps at most maxEntries keys, dropping the oldest', async () => {
    const db = controlledLookup(owner);
    const cache = createApiKeyCache(db.lookup, { ttlMs: 5_000, maxEntries: 2, now: () => 0 });
    for (const h of ['a', 'b', 'c']) await cache.ownerOf(h);
    await cache.ownerOf('c');
    await cache.ownerOf('a');
    expect(db.calls()).toBe(4);
  });
});

describe.each(DB_KINDS)('revoked API keys stop working within the documented bound (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const me = (key: string) => call(server.app, 'GET', '/v1/me', { key });

  it('R23 a key revoked by another process is refused with KEY_REVOKED once the cache bound has passed', async () => {
    const org = await seedOrg(server.ctx);
    expect((await me(org.member.apiKey)).status).toBe(200);
    await server.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date(server.ctx.now()) })
      .where('user_id', '=', org.member.userId)
      .execute();
    server.advance(DEFAULT_API_KEY_CACHE_MS);
    const refused = await me(org.member.apiKey);
    expect(refused.status).toBe(401);
    expect(refusal(refused.body).code).toBe('KEY_REVOKED');
  });

  it('R23 a key this server rotates is refused by the very next request, the new one works', async () => {
    const org = await seedOrg(server.ctx);
    expect((await me(org.member.apiKey)).status).toBe(200);
    const rotated = await call(server.app, 'POST', '/v1/me/api-key', { key: org.member.apiKey });
    const fresh = NewKeyResponse.parse(rotated.body);
    const old = await me(org.member.apiKey);
    expect(old.status).toBe(401);
    expect(refusal(old.body).code).toBe('KEY_REVOKED');
    expect((await me(fresh.apiKey)).status).toBe(200);
  });
});
