import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { Refusal } from '../http/refusal';
import { removalSentence } from '../../shared/domain/removal';
import { createApiKeyLookup, isRevokedKey } from '../repositories/api-key-lookup';
import { createApiKeyCache } from './api-key-cache';
import { API_KEY_PREFIX, hashApiKey, looksLikeApiKey } from './api-keys';
import { createFailureCounter } from './failure-counter';

/** The authenticated caller, attached to the request by the `authenticate` hook. */
export interface Caller {
  readonly userId: string;
  readonly email: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
};

/** How many failed sign-ins a minute are tolerated per (address, key prefix) and per address. */
export interface FailureLimits {
  readonly perKeyPrefix: number;
  readonly perAddress: number;
}

/** Default bound (ms) on how long a key revoked by another process keeps working here (docs/server.md). */
export const DEFAULT_API_KEY_CACHE_MS = 5_000;

/** The first characters of a presented key (or `-` without one), reduced to the key alphabet. */
const prefixOf = (key: string | null): string =>
  key === null ? '-' : key.slice(0, API_KEY_PREFIX.length + 6).replace(/[^a-z0-9_]/gi, '?');

/**
 * Installs `app.authenticate` (a preHandler): a valid key is always accepted — other people's
 * failures never lock it out; a missing or bad key is counted per (address, key prefix) and per
 * address (a higher bar) in the database, answering 401 until a bar is passed, then 429 with
 * Retry-After until the minute ends. Live keys are remembered for `keyCacheMs` (`api-key-cache.ts`);
 * `app.forgetCachedApiKeys()` is called by the routes that revoke keys, after their commit.
 */
export function installAuthentication(
  app: FastifyInstance,
  db: Kysely<Database>,
  limits: FailureLimits,
  now: () => number = Date.now,
  keyCacheMs: number = DEFAULT_API_KEY_CACHE_MS,
): void {
  app.decorateRequest('caller', null);
  const counter = createFailureCounter(db, now);
  const cache = createApiKeyCache(createApiKeyLookup(db), { ttlMs: keyCacheMs, maxEntries: 100_000, now });
  const ownerOf = cache.ownerOf;
  app.decorate('forgetCachedApiKeys', cache.forgetAll);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const key = bearer(request);
    const owner = key !== null && looksLikeApiKey(key) ? await ownerOf(hashApiKey(key)) : undefined;
    if (owner !== undefined) {
      request.caller = owner;
      return;
    }
    const address = request.ip;
    const counts = await counter.record([`a:${address}`, `k:${address}:${prefixOf(key)}`]);
    const over = counts.filter(
      (c) => c.failures > (c.bucket.startsWith('a:') ? limits.perAddress : limits.perKeyPrefix),
    );
    if (over.length > 0) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((Math.max(...over.map((c) => c.resetsAt)) - now()) / 1000),
      );
      throw new Refusal(
        'RATE_LIMITED',
        `Too many failed sign-ins from this address; try again in ${retryAfterSeconds} seconds.`,
        { retryAfterSeconds },
      );
    }
    if (key === null)
      throw new Refusal(
        'UNAUTHENTICATED',
        'This needs your API key in the Authorization header (Bearer tsk_…).',
      );
    if (looksLikeApiKey(key) && (await isRevokedKey(db, hashApiKey(key))))
      throw new Refusal('KEY_REVOKED', removalSentence('KEY_REVOKED'));
    throw new Refusal(
      'INVALID_API_KEY',
      'The API key is not valid; check it or ask an Owner or Admin for a new one.',
    );
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** Drops every remembered API key, so a key this process just revoked is refused at once. */
    forgetCachedApiKeys: () => void;
  }
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null) throw new Refusal('UNAUTHENTICATED', 'This needs your API key.');
  return request.caller;
}
