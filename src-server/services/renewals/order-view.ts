import type { Kysely } from 'kysely';
import type { Catalog } from '../../../shared/catalog/product';
import { renewalPlanSchema, type RenewalOrderView } from '../../../shared/contracts/ipc-admin-renewals';
import type { Database } from '../../db/schema';
import { planViewOf } from './plan-view-of';
import type { RenewalOrderRow } from './renewal-orders';
import { planOrder } from './run-renewal-order';

/**
 * An order as billing, the operator and the admin console see it: the applied plan, or for a
 * scheduled order the plan it would apply at its due instant on today's facts (refusals included).
 */
export async function renewalOrderView(
  db: Kysely<Database>,
  catalog: Catalog,
  row: RenewalOrderRow,
): Promise<RenewalOrderView> {
  let plan: RenewalOrderView['plan'] = row.plan === null ? null : renewalPlanSchema.parse(row.plan);
  let failure =
    row.failure_code === null ? null : { code: row.failure_code, message: row.failure_reason ?? '' };
  const preview = row.status === 'scheduled';
  if (preview) {
    const planned = await planOrder(db, catalog, row, row.due_at.getTime());
    if (planned.ok) plan = await planViewOf(db, planned.value.plan);
    else failure = { code: planned.error.code, message: `Would be refused: ${planned.error.message}` };
  }
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    orgId: row.org_id,
    productId: row.product_id,
    endsAt: row.ends_at.toISOString(),
    quantity: row.quantity,
    dueAt: row.due_at.toISOString(),
    trigger: row.trigger,
    source: row.source,
    status: row.status,
    failure,
    plan,
    planIsPreview: preview,
    resultIds: row.result_ids ?? [],
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
  };
}
