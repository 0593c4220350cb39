import { sql, type Kysely } from 'kysely';
import type { MembersPage } from '../../../shared/contracts/http/admin-org';
import { freePlanWarning } from '../../../shared/domain/free-plan';
import { ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { ancestryOf } from '../../repositories/subscriptions';
import type { LicensingContext } from '../context';
import { requireManagerIn } from './access';
import { likePattern } from './like-pattern';

/** The product whose paid license decides free-plan vs enterprise use (R18). */
const PAID_PRODUCT = 'kse';

/** The organization's members, narrowed to those whose name or e-mail contains `query` (pickers, filters). */
function membersOf(db: Kysely<Database>, orgId: string, query: string | undefined) {
  const text = query?.trim() ?? '';
  const base = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.org_id', '=', orgId);
  if (text === '') return base;
  const pattern = likePattern(text);
  return base.where((eb) => eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]));
}

/**
 * Members with their licensed products, paged and searchable by name or e-mail on the server, plus
 * the R18 warning (naming the free-plan members) when free and KSE users mix. Seats count on the
 * organization's running lines and those above it (R13: members draw on the nearest subscription up).
 */
export async function membersPage(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; offset: number; limit: number; query?: string | undefined },
): Promise<Result<MembersPage>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'see the members');
  if (!role.ok) return role;
  const now = new Date(ctx.now());
  const holders = [...(await ancestryOf(ctx.db, q.orgId)).keys()];
  const licensed = ctx.db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .where('s.org_id', 'in', holders)
    .where('s.replaced_by', 'is', null)
    .where('s.ends_at', '>', now);
  const rows = await membersOf(ctx.db, q.orgId, q.query)
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
  const total = await membersOf(ctx.db, q.orgId, q.query)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const paid = await licensed
    .select('a.user_id')
    .distinct()
    .where('s.product_id', '=', PAID_PRODUCT)
    .execute();
  const paidIds = new Set(paid.map((p) => p.user_id));
  const everyone = await membersOf(ctx.db, q.orgId, undefined)
    .select(['u.id', 'u.name', 'u.email'])
    .execute();
  return ok({
    total: total.n,
    freePlanWarning: freePlanWarning(
      everyone.map((m) => ({
        userId: m.id,
        label: m.name.trim() === '' ? m.email : m.name,
        licensed: paidIds.has(m.id),
      })),
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
