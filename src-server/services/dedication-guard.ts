import type { Transaction } from 'kysely';
import { decideDedicatedUse } from '../../shared/domain/dedication-charge';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { chargedTree, consumerNode, orgSubtree, rootOf } from '../repositories/dedication-usage';
import { usageLine } from '../repositories/line-units';
import type { LockedSubscription } from '../repositories/subscriptions';

/** Who a use of a license belongs to: a user, or (offline files made for no user) an organization. */
export type Consumer = { readonly userId: string } | { readonly orgId: string };

/**
 * R13/R14, checked inside the locked transaction after the work wrote its rows: the consumer's
 * dedication holder must still be within its pool. Free when no sub-organization holds a dedication.
 */
export async function requireDedicationRoom(
  trx: Transaction<Database>,
  sub: LockedSubscription,
  consumer: Consumer,
  now: number,
  ttlSeconds: number,
): Promise<Result<unknown>> {
  const rows = await orgSubtree(trx, sub.orgId, sub.product.id);
  if (!rows.some((r) => r.depth > 0 && r.dedicated > 0)) return ok(null);
  const tree = await chargedTree(trx, {
    rows,
    productId: sub.product.id,
    purchased: sub.quota,
    lines: [usageLine(sub, sub.product)],
    now,
    ttlSeconds,
  });
  if (!tree.ok) return tree;
  const node = 'userId' in consumer ? await consumerNode(trx, rows, consumer.userId) : consumer.orgId;
  const known = rows.some((r) => r.id === node) ? node : rootOf(rows);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return decideDedicatedUse(
    tree.value,
    { consumerNodeId: known, productId: sub.product.id, productName: sub.product.name },
    (id) => names.get(id) ?? id,
  );
}
