import type { Kysely } from 'kysely';
import type { MigrationPlanView } from '../../../shared/contracts/http/admin-org';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import { planMigration, type MigrationPlan } from '../../../shared/migration/plan-migration';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { LicensingContext } from '../context';
import { migrationUsers } from '../migration-users';
import { renewSubscription } from '../renewal-service';
import { productScope, type ProductScope } from './access';

type Query = { userId: string; orgId: string; productId: string };

/** What the admin sees: kinds and counts before and after, who receives a per-User license and why. */
async function viewOf(
  db: Kysely<Database>,
  scope: ProductScope,
  plan: MigrationPlan,
  applied: boolean,
): Promise<MigrationPlanView> {
  const grants = plan.action === 'convert' ? plan.grants : [];
  const users = grants.length
    ? await db
        .selectFrom('users')
        .select(['id', 'email'])
        .where(
          'id',
          'in',
          grants.map((g) => g.userId),
        )
        .execute()
    : [];
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const notes = [plan.reason];
  if (plan.action === 'convert' && plan.unassigned > 0)
    notes.push(`${plan.unassigned} per-User license(s) stay unassigned for an Owner or Admin to grant.`);
  return {
    productId: scope.product.id,
    applied,
    from: scope.lines.map((l) => ({ licenseKind: LicenseKindSchema.parse(l.kind), count: l.quota })),
    to: plan.holdings.map((h) => ({ licenseKind: h.kind, count: h.count })),
    assignments: grants.map((g) => ({
      userId: g.userId,
      email: emails.get(g.userId) ?? '',
      reason: g.reason,
    })),
    notes,
  };
}

/** R28–R30 preview: the shared planner on the organization's current lines, asked by a customer now. */
export async function previewMigration(ctx: LicensingContext, q: Query): Promise<Result<MigrationPlanView>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'migrate licenses' });
  if (!scope.ok) return scope;
  const newest = scope.value.lines[0];
  if (newest === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  const plan = planMigration({
    product: scope.value.product,
    trigger: 'manual',
    at: now,
    billingCycle: newest.billingCycle,
    contractEndsAt: newest.endsAt.getTime(),
    policy: ctx.catalog.legacyPolicy,
    holdings: scope.value.lines.map((l) => ({ kind: LicenseKindSchema.parse(l.kind), count: l.quota })),
    users: await migrationUsers(ctx.db, q.orgId, q.productId, now),
  });
  return ok(await viewOf(ctx.db, scope.value, plan, false));
}

/** R28–R30 apply: the renewal service converts the lines now (same end date) in one transaction. */
export async function applyMigration(ctx: LicensingContext, q: Query): Promise<Result<MigrationPlanView>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'migrate licenses' });
  if (!scope.ok) return scope;
  const newest = scope.value.lines[0];
  if (newest === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  const outcome = await renewSubscription(ctx.db, ctx.catalog, {
    subscriptionId: newest.id,
    endsAt: newest.endsAt,
    trigger: 'manual',
    at: now,
  });
  if (!outcome.ok) return outcome;
  const plan = outcome.value.plan;
  await audit(ctx.db, {
    action: 'migration.requested',
    actorUserId: q.userId,
    orgId: q.orgId,
    productId: q.productId,
    reason: plan.reason,
    details: { action: plan.action, subscriptionIds: outcome.value.subscriptionIds },
  });
  return ok(await viewOf(ctx.db, scope.value, plan, plan.action === 'convert'));
}
