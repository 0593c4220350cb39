import '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { Refusal } from '../http/refusal';
import { removalSentence } from '../../shared/domain/removal';
import { createApiKeyLookup, isRevokedKey } from './api-key-lookup';
import { hashApiKey, looksLikeApiKey } from './api-keys';

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

/** Installs `app.authenticate` (a preHandler): 401 without/with a bad key, 429 after repeated failures. */
export function installAuthentication(
  app: FastifyInstance,
  db: Kysely<Database>,
  failuresPerMinute: number,
): void {
  app.decorateRequest('caller', null);
  const failures = app.createRateLimit({ max: failuresPerMinute, timeWindow: 60_000 });
  const ownerOf = createApiKeyLookup(db);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const limit = await failures(request, { increment: false });
    if (!limit.isAllowed && limit.remaining <= 0) {
      throw new Refusal(
        'RATE_LIMITED',
        `Too many failed sign-ins from this address; try again in ${limit.ttlInSeconds} seconds.`,
      );
    }
    const key = bearer(request);
    if (key === null)
      throw new Refusal(
        'UNAUTHENTICATED',
        'This needs your API key in the Authorization header (Bearer tsk_…).',
      );
    const hash = looksLikeApiKey(key) ? hashApiKey(key) : null;
    const row = hash === null ? undefined : await ownerOf(hash);
    if (row === undefined) {
      await failures(request);
      if (hash !== null && (await isRevokedKey(db, hash)))
        throw new Refusal('KEY_REVOKED', removalSentence('KEY_REVOKED'));
      throw new Refusal(
        'INVALID_API_KEY',
        'The API key is not valid; check it or ask an Owner or Admin for a new one.',
      );
    }
    request.caller = row;
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null) throw new Refusal('UNAUTHENTICATED', 'This needs your API key.');
  return request.caller;
}
