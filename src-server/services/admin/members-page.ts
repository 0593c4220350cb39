import { sql, type Kysely } from 'kysely';
import type { MembersPage } from '../../../shared/contracts/http/admin-org';
import { freePlanWarning } from '../../../shared/domain/free-plan';
import { ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { orgSubtree, type SubtreeRow } from '../../repositories/dedication-usage';
import { ancestryOf } from '../../repositories/subscriptions';
import type { LicensingContext } from '../context';
import { requireManagerIn } from './access';
import { likePattern } from './like-pattern';

/** The product whose paid license decides free-plan vs enterprise use (R18). */
const PAID_PRODUCT = 'kse';

/**
 * The users of `orgIds` (the organization, or its subtree), each once, narrowed to those whose name or
 * e-mail contains `query` (pickers, filters).
 */
function membersOf(db: Kysely<Database>, orgIds: readonly string[], query: string | undefined) {
  const text = query?.trim() ?? '';
  const base = db.selectFrom('users as u').where((eb) =>
    eb.exists(
      eb
        .selectFrom('memberships as m')
        .select('m.user_id')
        .whereRef('m.user_id', '=', 'u.id')
        .where('m.org_id', 'in', [...orgIds]),
    ),
  );
  if (text === '') return base;
  const pattern = likePattern(text);
  return base.where((eb) => eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]));
}

/** Each page member's organization in the subtree: their deepest, the smaller id on a tie (R13), with the role there. */
async function homes(db: Kysely<Database>, orgs: readonly SubtreeRow[], userIds: readonly string[]) {
  const depth = new Map(orgs.map((o) => [o.id, o]));
  const rows = userIds.length
    ? await db
        .selectFrom('memberships')
        .select(['user_id', 'org_id', 'role'])
        .where('user_id', 'in', [...userIds])
        .where('org_id', 'in', [...depth.keys()])
        .execute()
    : [];
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const known = best.get(r.user_id);
    const [a, b] = [depth.get(r.org_id)?.depth ?? 0, known ? (depth.get(known.org_id)?.depth ?? 0) : -1];
    if (known === undefined || a > b || (a === b && r.org_id < known.org_id)) best.set(r.user_id, r);
  }
  return new Map(
    [...best].map(([userId, r]) => [
      userId,
      { role: r.role, organization: { orgId: r.org_id, name: depth.get(r.org_id)?.name ?? '' } },
    ]),
  );
}

/**
 * Members with their licensed products, paged and searchable by name or e-mail on the server, plus
 * the R18 warning (naming the free-plan members) when free and KSE users mix. Seats count on the
 * organization's running lines and those above it (R13: members draw on the nearest subscription up).
 * Scope `subtree` lists the members of every sub-organization too, each with their organization, so an
 * ancestor's admin finds whom to grant a seat to (R13, R15).
 */
export async function membersPage(
  ctx: LicensingContext,
  q: {
    userId: string;
    orgId: string;
    offset: number;
    limit: number;
    query?: string | undefined;
    scope?: 'organization' | 'subtree' | undefined;
  },
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
  const subtree = q.scope === 'subtree' ? await orgSubtree(ctx.db, q.orgId, PAID_PRODUCT) : null;
  const orgIds = subtree === null ? [q.orgId] : subtree.map((o) => o.id);
  const rows = await membersOf(ctx.db, orgIds, q.query)
    .select(['u.id', 'u.email', 'u.name'])
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
  const home = await homes(
    ctx.db,
    subtree ?? [{ id: q.orgId, parentId: null, name: '', depth: 0, dedicated: 0 }],
    rows.map((r) => r.id),
  );
  const total = await membersOf(ctx.db, orgIds, q.query)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const paid = await licensed
    .select('a.user_id')
    .distinct()
    .where('s.product_id', '=', PAID_PRODUCT)
    .execute();
  const paidIds = new Set(paid.map((p) => p.user_id));
  const everyone = await membersOf(ctx.db, orgIds, undefined).select(['u.id', 'u.name', 'u.email']).execute();
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
      role: home.get(r.id)?.role ?? 'member',
      ...(subtree === null ? {} : { organization: home.get(r.id)?.organization }),
      licensedProducts: [...new Set(products.filter((p) => p.user_id === r.id).map((p) => p.product_id))],
    })),
  });
}
