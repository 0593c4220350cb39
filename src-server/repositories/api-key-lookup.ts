import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { createMicroBatcher } from '../db/micro-batcher';

/** Who a live (unrevoked) API key belongs to, as the authentication hook attaches it. */
export interface KeyOwner {
  readonly userId: string;
  readonly email: string;
}

/** Live keys among the given hashes, with their owners; revoked or unknown hashes are simply absent. */
async function ownersOf(db: Kysely<Database>, hashes: readonly string[]): Promise<Map<string, KeyOwner>> {
  const rows = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.key_hash', 'users.id as userId', 'users.email'])
    .where('api_keys.key_hash', 'in', [...new Set(hashes)])
    .where('api_keys.revoked_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.key_hash, { userId: r.userId, email: r.email }]));
}

/**
 * Looks up API-key hashes in the database on every request, but concurrent requests share one query
 * (micro-batched), so authentication stays exact — a key revoked in the database is refused by the
 * next request on every server process — without a round trip per request under load.
 */
export function createApiKeyLookup(db: Kysely<Database>): (keyHash: string) => Promise<KeyOwner | undefined> {
  return createMicroBatcher<string, KeyOwner | undefined>(
    {
      many: async (hashes) => {
        const owners = await ownersOf(db, hashes);
        return hashes.map((h) => owners.get(h));
      },
      one: async (hash) => (await ownersOf(db, [hash])).get(hash),
    },
    { maxBatch: 256, maxInFlight: 2 },
  );
}

/** Whether a key hash belongs to a revoked key (and no live one), so the refusal can say KEY_REVOKED. */
export async function isRevokedKey(db: Kysely<Database>, keyHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('api_keys')
    .select('id')
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}
