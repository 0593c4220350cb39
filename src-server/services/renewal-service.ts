import type { Kysely } from 'kysely';
import { findProduct } from '../../shared/catalog/find-product';
import type { Catalog } from '../../shared/catalog/product';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { planMigration, type MigrationPlan } from '../../shared/migration/plan-migration';
import type { MigrationTrigger } from '../../shared/migration/migration-timing';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from './audit';
import { migrationUsers } from './migration-users';
import { extendLines, replaceLines } from './renewal-lines';

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
