import { createHash, randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import type { Kysely } from 'kysely';
import { BILLING_TOKEN_PREFIX } from '../../shared/contracts/http/renewals';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Cheap shape check so garbage never reaches the database. */
const looksLikeBillingToken = (token: string): boolean => /^tsb_[a-z2-7]{52}$/.test(token);

/** Creates the billing system's credential (shown once); only its sha256 is stored. */
export async function createBillingToken(
  db: Kysely<Database>,
  name: string,
): Promise<{ id: string; token: string; prefix: string }> {
  const token = `${BILLING_TOKEN_PREFIX}${base32nopad.encode(randomBytes(32)).toLowerCase()}`;
  const prefix = token.slice(0, BILLING_TOKEN_PREFIX.length + 6);
  const row = await db
    .insertInto('billing_tokens')
    .values({ name, prefix, token_hash: hashOf(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, prefix };
}

/** Billing tokens for the operator: name, display prefix, dates; never the secret. */
export const listBillingTokens = (db: Kysely<Database>) =>
  db
    .selectFrom('billing_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();

/** Revokes a billing token by id; it stops working at once. */
export async function revokeBillingToken(db: Kysely<Database>, id: string): Promise<Result<string>> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await db
        .updateTable('billing_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst()
    : undefined;
  return row === undefined ? fail('NOT_FOUND', 'There is no active billing token with that id.') : ok(row.id);
}

/** The token's id when it is a live billing token (and records its use), else undefined. */
export async function billingTokenOwner(db: Kysely<Database>, token: string): Promise<string | undefined> {
  if (!looksLikeBillingToken(token)) return undefined;
  const row = await db
    .updateTable('billing_tokens')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', hashOf(token))
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
