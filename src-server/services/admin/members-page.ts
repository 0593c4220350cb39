import { sql } from 'kysely';
import type { MembersPage } from '../../../shared/contracts/http/admin-org';
import { freePlanWarning } from '../../../shared/domain/free-plan';
import { ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { requireManagerIn } from './access';
import { likePattern } from './like-pattern';

/** The product whose paid license decides free-plan vs enterprise use (R18). */
const PAID_PRODUCT = 'kse';

/** Members with their licensed products (optionally those whose name or e-mail contain `query`), plus the R18 warning when free and KSE users mix. */
export async function membersPage(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; offset: number; limit: number; query?: string | undefined },
): Promise<Result<MembersPage>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'see the members');
  if (!role.ok) return role;
  const now = new Date(ctx.now());
  const licensed = ctx.db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .where('s.org_id', '=', q.orgId)
    .where('s.replaced_by', 'is', null)
    .where('s.ends_at', '>', now);
  const text = q.query?.trim() ?? '';
  const matching = ctx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.org_id', '=', q.orgId)
    .$if(text !== '', (qb) =>
      qb.where((eb) =>
        eb.or([eb('u.email', 'ilike', likePattern(text)), eb('u.name', 'ilike', likePattern(text))]),
      ),
    );
  const rows = await matching
    .select(['u.id', 'u.email', 'u.name', 'm.role'])
    .orderBy('u.email')
    .orderBy('u.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  const products = rows.length
    ? await licensed
        .select(['a.user_id', 's.product_id'])
        .where(
          'a.user_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('s.product_id')
        .execute()
    : [];
  const total = await matching.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const paid = await licensed
    .select('a.user_id')
    .distinct()
    .where('s.product_id', '=', PAID_PRODUCT)
    .execute();
  const paidIds = new Set(paid.map((p) => p.user_id));
  const everyone = await ctx.db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', q.orgId)
    .execute();
  return ok({
    total: total.n,
    freePlanWarning: freePlanWarning(
      everyone.map((m) => ({ userId: m.user_id, licensed: paidIds.has(m.user_id) })),
    ),
    items: rows.map((r) => ({
      userId: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      licensedProducts: [...new Set(products.filter((p) => p.user_id === r.id).map((p) => p.product_id))],
    })),
  });
}
