import type { Kysely, Selectable } from 'kysely';
import type { MigrationTrigger } from '../../../shared/migration/migration-timing';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { audit } from '../../repositories/audit';
import { currentTermLine } from './term-line';

/** A stored renewal order row. */
export type RenewalOrderRow = Selectable<Database['renewal_orders']>;

/** What billing or the operator decided: renew this subscription until `endsAt`, due at `dueAt`. */
export interface NewRenewalOrder {
  readonly subscriptionId: string;
  readonly endsAt: Date;
  readonly quantity: number | null;
  readonly dueAt: Date;
  readonly trigger?: MigrationTrigger;
  readonly source: RenewalOrderRow['source'];
}

/**
 * Stores a renewal order once per subscription and new end (the term): a second identical request
 * returns the stored order unchanged (`created: false`); a different one for the same term is refused.
 */
export async function scheduleRenewal(
  db: Kysely<Database>,
  o: NewRenewalOrder,
): Promise<Result<{ order: RenewalOrderRow; created: boolean }>> {
  if (Number.isNaN(o.endsAt.getTime()) || Number.isNaN(o.dueAt.getTime()))
    return fail('VALIDATION_FAILED', 'The new end and the due instant must be ISO dates.');
  if (o.dueAt >= o.endsAt) return fail('VALIDATION_FAILED', 'A renewal must fall due before its new end.');
  const line = await currentTermLine(db, o.subscriptionId);
  if (line === undefined) return fail('NOT_FOUND', 'There is no subscription with that id.');
  const inserted = await db
    .insertInto('renewal_orders')
    .values({
      subscription_id: o.subscriptionId,
      org_id: line.org_id,
      product_id: line.product_id,
      ends_at: o.endsAt,
      quantity: o.quantity,
      due_at: o.dueAt,
      trigger: o.trigger ?? 'renewal',
      source: o.source,
      plan: null,
      result_ids: null,
      failure_code: null,
      failure_reason: null,
    })
    .onConflict((oc) =>
      oc.columns(['subscription_id', 'ends_at']).where('status', '<>', 'cancelled').doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted !== undefined) {
    await audit(db, {
      action: 'renewal.scheduled',
      orgId: line.org_id,
      productId: line.product_id,
      details: {
        orderId: inserted.id,
        endsAt: o.endsAt.toISOString(),
        quantity: o.quantity,
        dueAt: o.dueAt.toISOString(),
        source: o.source,
      },
    });
    return ok({ order: inserted, created: true });
  }
  const existing = await db
    .selectFrom('renewal_orders')
    .selectAll()
    .where('subscription_id', '=', o.subscriptionId)
    .where('ends_at', '=', o.endsAt)
    .where('status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  if (existing.quantity !== o.quantity)
    return fail(
      'CONFLICT',
      `This term already has a renewal order (${existing.id}, ${existing.status}) with quantity ${existing.quantity ?? 'unchanged'}; cancel it first.`,
      { orderId: existing.id },
    );
  return ok({ order: existing, created: false });
}

/** Filters of the operator's and billing's order lists. */
export interface OrderFilter {
  readonly orgId?: string;
  readonly status?: RenewalOrderRow['status'];
  readonly subscriptionId?: string;
  readonly limit?: number;
}

/** Orders, soonest due first, for the CLI, billing and the admin console. */
export async function listRenewalOrders(db: Kysely<Database>, f: OrderFilter): Promise<RenewalOrderRow[]> {
  let q = db
    .selectFrom('renewal_orders')
    .selectAll()
    .orderBy('due_at')
    .orderBy('id')
    .limit(f.limit ?? 200);
  if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.subscriptionId !== undefined) q = q.where('subscription_id', '=', f.subscriptionId);
  return q.execute();
}

/** One order by id. */
export const findRenewalOrder = (db: Kysely<Database>, id: string): Promise<RenewalOrderRow | undefined> =>
  db.selectFrom('renewal_orders').selectAll().where('id', '=', id).executeTakeFirst();

/** Cancels a scheduled or failed order (an applied one is history and stays). */
export async function cancelRenewal(db: Kysely<Database>, id: string): Promise<Result<RenewalOrderRow>> {
  const row = await db
    .updateTable('renewal_orders')
    .set({ status: 'cancelled' })
    .where('id', '=', id)
    .where('status', 'in', ['scheduled', 'failed'])
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) {
    const existing = await findRenewalOrder(db, id);
    if (existing === undefined) return fail('NOT_FOUND', 'There is no renewal order with that id.');
    return fail(
      'CONFLICT',
      `The renewal order is ${existing.status}; only scheduled or failed orders can be cancelled.`,
    );
  }
  await audit(db, {
    action: 'renewal.cancelled',
    orgId: row.org_id,
    productId: row.product_id,
    details: { orderId: id },
  });
  return ok(row);
}
