import { sql, type Kysely, type Transaction } from 'kysely';
import { findProduct } from '../../shared/catalog/find-product';
import type { Catalog } from '../../shared/catalog/product';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { planMigration, type MigrationPlan } from '../../shared/migration/plan-migration';
import type { MigrationTrigger } from '../../shared/migration/migration-timing';
import type { MigrationUser } from '../../shared/migration/per-user-priority';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from './audit';

/** A renewal request: which subscription, until when, automatic renewal or customer request (R28). */
export interface RenewalRequest {
  readonly subscriptionId: string;
  readonly endsAt: Date;
  readonly trigger: MigrationTrigger;
  readonly at: number;
}

/** The renewal outcome: the shared planner's decision and the subscription lines that replace the old ones. */
export interface RenewalOutcome {
  readonly plan: MigrationPlan;
  readonly subscriptionIds: string[];
}

async function migrationUsers(
  trx: Transaction<Database>,
  orgId: string,
  productId: string,
  now: number,
): Promise<MigrationUser[]> {
  const rows = await trx
    .selectFrom('memberships as m')
    .select((eb) => [
      'm.user_id',
      eb
        .selectFrom('sessions as s')
        .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
        .select(sql<Date | null>`max(s.heartbeat_at)`.as('last'))
        .whereRef('s.user_id', '=', 'm.user_id')
        .where('sub.org_id', '=', orgId)
        .where('sub.product_id', '=', productId)
        .as('last_active'),
      eb
        .selectFrom('offline_licenses as o')
        .innerJoin('subscriptions as sub', 'sub.id', 'o.subscription_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('o.user_id', '=', 'm.user_id')
        .where('sub.org_id', '=', orgId)
        .where('sub.product_id', '=', productId)
        .where('sub.license_kind', '=', 'floating')
        .where('o.expires_at', '>', new Date(now))
        .as('offline_floating'),
    ])
    .where('m.org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    offlineFloating: (r.offline_floating ?? 0) > 0,
    lastActiveAt: r.last_active ? new Date(r.last_active).getTime() : null,
  }));
}

/**
 * Renews a subscription (R28–R30): the shared planner decides whether legacy kinds stay or convert
 * (counts add up) and who receives per-User licenses; new lines replace the old ones in one transaction.
 */
export async function renewSubscription(
  db: Kysely<Database>,
  catalog: Catalog,
  req: RenewalRequest,
): Promise<Result<RenewalOutcome>> {
  return transact(db, async (trx) => {
    const sub = await trx
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', req.subscriptionId)
      .where('replaced_by', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (sub === undefined) return fail('NOT_FOUND', 'There is no current subscription with that id.');
    const product = findProduct(catalog, sub.product_id);
    if (!product.ok) return product;
    const lines = await trx
      .selectFrom('subscriptions')
      .selectAll()
      .where('org_id', '=', sub.org_id)
      .where('product_id', '=', sub.product_id)
      .where('replaced_by', 'is', null)
      .where('ends_at', '>', new Date(req.at))
      .forUpdate()
      .execute();
    const holdings = lines.map((l) => ({ kind: LicenseKindSchema.parse(l.license_kind), count: l.quota }));
    const plan = planMigration({
      product: product.value,
      trigger: req.trigger,
      at: req.at,
      billingCycle: sub.billing_cycle,
      contractEndsAt: sub.ends_at.getTime(),
      policy: catalog.legacyPolicy,
      holdings,
      users: await migrationUsers(trx, sub.org_id, sub.product_id, req.at),
    });
    const ids =
      plan.action === 'keep'
        ? await extendLines(
            trx,
            lines.map((l) => l.id),
            req.endsAt,
          )
        : await replaceLines(trx, lines, plan, req);
    await audit(trx, {
      action: plan.action === 'convert' ? 'subscription.migrated' : 'subscription.renewed',
      orgId: sub.org_id,
      productId: sub.product_id,
      reason: plan.reason,
      details: {
        from: lines.map((l) => l.id),
        to: ids,
        holdings: plan.holdings,
        grants: plan.action === 'convert' ? plan.grants : [],
      },
    });
    return ok({ plan, subscriptionIds: ids });
  });
}

/** R30 "keep": the same lines (kinds, seats, machines) simply run until the new end. */
async function extendLines(trx: Transaction<Database>, ids: string[], endsAt: Date): Promise<string[]> {
  await trx.updateTable('subscriptions').set({ ends_at: endsAt }).where('id', 'in', ids).execute();
  return ids;
}

/** The columns of a retiring line that the replacement copies. */
interface Line {
  readonly id: string;
  readonly org_id: string;
  readonly product_id: string;
  readonly machine_quota: number;
  readonly billing_cycle: Database['subscriptions']['billing_cycle'];
}

/** R28/R29 "convert": new lines with the converted counts and per-User grants; old lines retire, their sessions end. */
async function replaceLines(
  trx: Transaction<Database>,
  lines: readonly Line[],
  plan: Extract<MigrationPlan, { action: 'convert' }>,
  req: RenewalRequest,
): Promise<string[]> {
  const first = lines[0];
  if (first === undefined) return [];
  const machineQuota = lines.reduce((sum, l) => sum + l.machine_quota, 0);
  const ids: string[] = [];
  for (const holding of plan.holdings) {
    const row = await trx
      .insertInto('subscriptions')
      .values({
        org_id: first.org_id,
        product_id: first.product_id,
        license_kind: holding.kind,
        quota: holding.count,
        machine_quota: machineQuota,
        billing_cycle: first.billing_cycle,
        starts_at: new Date(req.at),
        ends_at: req.endsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    if (holding.kind === 'per-user' && plan.grants.length > 0) {
      await trx
        .insertInto('seat_assignments')
        .values(plan.grants.map((g) => ({ subscription_id: row.id, user_id: g.userId })))
        .execute();
    }
  }
  const old = lines.map((l) => l.id);
  await trx
    .updateTable('subscriptions')
    .set({ replaced_by: ids[0] ?? null })
    .where('id', 'in', old)
    .execute();
  await trx
    .updateTable('activations')
    .set({ deactivated_at: new Date(req.at) })
    .where('subscription_id', 'in', old)
    .where('deactivated_at', 'is', null)
    .execute();
  await trx
    .updateTable('sessions')
    .set({ ended_at: new Date(req.at), end_reason: 'The license model was migrated; activate again.' })
    .where('subscription_id', 'in', old)
    .where('ended_at', 'is', null)
    .execute();
  return ids;
}
