import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Line = Selectable<Database['subscriptions']>;

/**
 * The line that currently carries a subscription's contract: follows `replaced_by` (a conversion
 * retired it) and applied renewal orders whose new term started on other lines (an early R30
 * renewal that converts only from the contract end), so billing may keep naming the first id.
 */
export async function currentTermLine(
  db: Kysely<Database>,
  subscriptionId: string,
): Promise<Line | undefined> {
  if (!UUID.test(subscriptionId)) return undefined;
  let id = subscriptionId;
  for (let hop = 0; hop < 64; hop += 1) {
    const line = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (line === undefined) return undefined;
    if (line.replaced_by !== null) {
      id = line.replaced_by;
      continue;
    }
    const renewed = await db
      .selectFrom('renewal_orders')
      .select('result_ids')
      .where('subscription_id', '=', id)
      .where('status', '=', 'applied')
      .orderBy('ends_at', 'desc')
      .execute();
    const next = renewed.map((r) => r.result_ids?.[0]).find((r) => r !== undefined && r !== id);
    if (next === undefined) return line;
    id = next;
  }
  return undefined;
}
