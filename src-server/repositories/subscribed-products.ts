import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { reachableOrgs } from './subscriptions';

/**
 * The products a user may activate now: those with a current subscription held by one of their
 * organizations or an ancestor (R13), so "Activate a product" offers only what can succeed.
 */
export async function subscribedProductIds(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const orgs = [...(await reachableOrgs(trx, userId)).keys()];
    if (orgs.length === 0) return [];
    const at = new Date(now);
    const rows = await trx
      .selectFrom('subscriptions')
      .select('product_id')
      .distinct()
      .where('org_id', 'in', orgs)
      .where('replaced_by', 'is', null)
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .orderBy('product_id')
      .execute();
    return rows.map((row) => row.product_id);
  });
}
