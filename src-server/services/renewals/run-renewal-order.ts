import type { Kysely, Transaction } from 'kysely';
import type { Catalog } from '../../../shared/catalog/product';
import { planRenewal } from '../../../shared/migration/plan-renewal';
import { renewalPlanSchema, type RenewalPlanView } from '../../../shared/contracts/ipc-admin-renewals';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { transact } from '../../db/transact';
import { audit } from '../../repositories/audit';
import { applyRenewalPlan } from './apply-renewal-plan';
import { planViewOf } from './plan-view-of';
import { gatherRenewalFacts } from './renewal-facts';
import type { RenewalOrderRow } from './renewal-orders';

/** What running an order did: applied now, found applied before (a retry: nothing changed), or failed. */
export type OrderRun =
  | {
      readonly status: 'applied';
      readonly orderId: string;
      readonly plan: RenewalPlanView;
      readonly subscriptionIds: string[];
      readonly alreadyApplied: boolean;
    }
  | { readonly status: 'failed'; readonly orderId: string; readonly code: string; readonly message: string };

/** The shared planner on the facts of one order, dated `at` (preview and apply both use this). */
export async function planOrder(db: Kysely<Database>, catalog: Catalog, order: RenewalOrderRow, at: number) {
  const gathered = await gatherRenewalFacts(db, catalog, {
    subscriptionId: order.subscription_id,
    endsAt: order.ends_at,
    quantity: order.quantity,
    trigger: order.trigger,
    at,
  });
  if (!gathered.ok) return gathered;
  const plan = planRenewal(gathered.value.facts);
  return plan.ok ? ok({ gathered: gathered.value, plan: plan.value }) : plan;
}

/**
 * Applies one locked order inside the caller's transaction: the order row is re-read under the lock,
 * so an order applies exactly once; a plan the rules refuse marks it `failed` with code and sentence.
 */
export async function runLockedOrder(
  trx: Transaction<Database>,
  catalog: Catalog,
  order: RenewalOrderRow,
  at: number,
): Promise<OrderRun> {
  if (order.status === 'applied')
    return {
      status: 'applied',
      orderId: order.id,
      plan: renewalPlanSchema.parse(order.plan),
      subscriptionIds: order.result_ids ?? [],
      alreadyApplied: true,
    };
  if (order.status !== 'scheduled')
    return {
      status: 'failed',
      orderId: order.id,
      code: order.failure_code ?? 'CONFLICT',
      message: order.failure_reason ?? `The renewal order is ${order.status}.`,
    };
  const planned = await planOrder(trx, catalog, order, at);
  if (!planned.ok) {
    await trx
      .updateTable('renewal_orders')
      .set({ status: 'failed', failure_code: planned.error.code, failure_reason: planned.error.message })
      .where('id', '=', order.id)
      .execute();
    await audit(trx, {
      action: 'renewal.failed',
      orgId: order.org_id,
      productId: order.product_id,
      reason: planned.error.message,
      details: { orderId: order.id, code: planned.error.code },
    });
    return { status: 'failed', orderId: order.id, code: planned.error.code, message: planned.error.message };
  }
  const { gathered, plan } = planned.value;
  const ids = await applyRenewalPlan(trx, gathered, plan);
  const view = await planViewOf(trx, plan);
  await trx
    .updateTable('renewal_orders')
    .set({
      status: 'applied',
      applied_at: new Date(at),
      plan: JSON.stringify(view),
      result_ids: JSON.stringify(ids),
    })
    .where('id', '=', order.id)
    .execute();
  await audit(trx, {
    action: plan.convert ? 'subscription.migrated' : 'subscription.renewed',
    orgId: gathered.orgId,
    productId: gathered.productId,
    reason: plan.reason,
    details: { orderId: order.id, from: gathered.facts.lines.map((l) => l.id), to: ids, plan: view },
  });
  return { status: 'applied', orderId: order.id, plan: view, subscriptionIds: ids, alreadyApplied: false };
}

/** Locks one order (waiting for another process holding it) and runs it dated `at`. */
export async function runOrder(
  db: Kysely<Database>,
  catalog: Catalog,
  orderId: string,
  at: number,
): Promise<Result<OrderRun>> {
  return transact(db, async (trx) => {
    const order = await trx
      .selectFrom('renewal_orders')
      .selectAll()
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (order === undefined) return fail('NOT_FOUND', 'There is no renewal order with that id.');
    return ok(await runLockedOrder(trx, catalog, order, at));
  });
}
