import type { MigrationPlanView } from '../../../shared/contracts/http/admin-org';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import type { RenewalPlanView } from '../../../shared/contracts/ipc-admin-renewals';
import { planRenewal } from '../../../shared/migration/plan-renewal';
import { fail, ok, type Result } from '../../../shared/result';
import { audit } from '../../repositories/audit';
import type { LicensingContext } from '../context';
import { renewSubscription } from '../renewal-service';
import { planViewOf } from '../renewals/plan-view-of';
import { gatherRenewalFacts } from '../renewals/renewal-facts';
import { productScope, type ProductScope } from './access';

type Query = { userId: string; orgId: string; productId: string };

/** What the admin sees: kinds and counts before and after, who receives a per-User license and why. */
function viewOf(scope: ProductScope, plan: RenewalPlanView, applied: boolean): MigrationPlanView {
  const notes = [plan.reason, ...plan.lines.map((l) => `${l.rule ?? 'As is'}: ${l.reason}`)];
  if (plan.unassigned > 0)
    notes.push(`${plan.unassigned} per-User license(s) stay unassigned for an Owner or Admin to grant.`);
  return {
    productId: scope.product.id,
    applied,
    from: scope.lines.map((l) => ({ licenseKind: LicenseKindSchema.parse(l.kind), count: l.quota })),
    to: plan.lines.map((l) => ({ licenseKind: l.licenseKind, count: l.count })),
    assignments: plan.grants.map((g) => ({ userId: g.userId, email: g.email, reason: g.reason })),
    notes,
  };
}

/** R28–R30 preview: the one renewal planner on the organization's current lines, asked by a customer now. */
export async function previewMigration(ctx: LicensingContext, q: Query): Promise<Result<MigrationPlanView>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'migrate licenses' });
  if (!scope.ok) return scope;
  const newest = scope.value.lines[0];
  if (newest === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  const gathered = await gatherRenewalFacts(ctx.db, ctx.catalog, {
    subscriptionId: newest.id,
    endsAt: newest.endsAt,
    quantity: null,
    trigger: 'manual',
    at: now,
  });
  if (!gathered.ok) return gathered;
  const plan = planRenewal(gathered.value.facts);
  if (!plan.ok) return plan;
  return ok(viewOf(scope.value, await planViewOf(ctx.db, plan.value), false));
}

/**
 * R28–R30 apply: the renewal service converts the lines now (same end date) in one transaction. The
 * subscription is converted where it is held: a sub-organization drawing on it previews, never applies.
 */
export async function applyMigration(ctx: LicensingContext, q: Query): Promise<Result<MigrationPlanView>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'migrate licenses' });
  if (!scope.ok) return scope;
  if (scope.value.holder.id !== q.orgId)
    return fail(
      'OTHER_ORGANIZATION',
      `This organization draws on the subscription of "${scope.value.holder.name}"; migrate it from that organization's License Management.`,
    );
  const newest = scope.value.lines[0];
  if (newest === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  const outcome = await renewSubscription(ctx.db, ctx.catalog, {
    subscriptionId: newest.id,
    endsAt: newest.endsAt,
    trigger: 'manual',
    at: now,
    source: 'admin',
  });
  if (!outcome.ok) return outcome;
  const plan = outcome.value.plan;
  await audit(ctx.db, {
    action: 'migration.requested',
    actorUserId: q.userId,
    orgId: q.orgId,
    productId: q.productId,
    reason: plan.reason,
    details: { action: plan.convert ? 'convert' : 'keep', subscriptionIds: outcome.value.subscriptionIds },
  });
  return ok(viewOf(scope.value, plan, plan.convert));
}
