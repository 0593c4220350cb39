import { sql } from 'kysely';
import type {
  LicensedUsersPage,
  OfflineLicensesPage,
  OnlineLicensesPage,
} from '../../../shared/contracts/http/admin-licenses';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import { ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { membersOfOrgs, productScope, subtreeOf } from './access';

/** Which page of which product table; every read is one indexed query plus a count, never a whole table. */
export interface TableQuery {
  readonly userId: string;
  readonly orgId: string;
  readonly productId: string;
  readonly offset: number;
  readonly limit: number;
}

const iso = (d: Date): string => d.toISOString();
const count = sql<number>`count(*)::int`.as('n');

/** One page and the total row count, read together; `item` shapes a row for the IPC schema. */
async function paged<R, T>(rows: Promise<R[]>, total: Promise<{ n: number }>, item: (r: R) => T) {
  const [list, counted] = await Promise.all([rows, total]);
  return ok({ total: counted.n, items: list.map(item) });
}

const scopeOf = (ctx: LicensingContext, q: TableQuery) =>
  productScope(ctx.db, ctx.catalog, { ...q, now: ctx.now(), action: 'see License Management' });

/** Licensed Users section (R16): seat holders with their last session activity. */
export async function licensedUsersPage(
  ctx: LicensingContext,
  q: TableQuery,
): Promise<Result<LicensedUsersPage>> {
  const scope = await scopeOf(ctx, q);
  if (!scope.ok) return scope;
  const ids = [...scope.value.lineIds];
  const { subtree } = scope.value;
  let base = ctx.db
    .selectFrom('seat_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .where('a.subscription_id', 'in', ids);
  if (subtree !== null) base = base.where('a.user_id', 'in', membersOfOrgs(ctx.db, subtree));
  const rows = base
    .select((eb) => [
      'u.id',
      'u.email',
      'u.name',
      'a.created_at',
      eb
        .selectFrom('sessions as s')
        .select(sql<Date | null>`max(s.heartbeat_at)`.as('last'))
        .whereRef('s.user_id', '=', 'a.user_id')
        .where('s.subscription_id', 'in', ids)
        .as('last_active'),
    ])
    .orderBy('u.email')
    .orderBy('a.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  return paged(rows, base.select(count).executeTakeFirstOrThrow(), (r) => ({
    userId: r.id,
    email: r.email,
    name: r.name,
    assignedAt: iso(r.created_at),
    lastActiveAt: r.last_active ? iso(new Date(r.last_active)) : null,
  }));
}

/** Online Licenses section (R16, R22): machine IDs with a live activation, newest first. */
export async function onlineLicensesPage(
  ctx: LicensingContext,
  q: TableQuery,
): Promise<Result<OnlineLicensesPage>> {
  const scope = await scopeOf(ctx, q);
  if (!scope.ok) return scope;
  const { subtree } = scope.value;
  let live = ctx.db
    .selectFrom('activations as a')
    .where('a.subscription_id', 'in', [...scope.value.lineIds])
    .where('a.deactivated_at', 'is', null);
  if (subtree !== null) live = live.where('a.user_id', 'in', membersOfOrgs(ctx.db, subtree));
  const rows = live
    .innerJoin('machines as m', 'm.id', 'a.machine_ref')
    .innerJoin('subscriptions as sub', 'sub.id', 'a.subscription_id')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['m.machine_id', 'a.user_id', 'u.email', 'sub.license_kind', 'a.created_at', 'a.refreshed_at'])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  // The joins are one-to-one (foreign keys), so the total is counted on the activations index alone.
  return paged(rows, live.select(count).executeTakeFirstOrThrow(), (r) => ({
    machineId: r.machine_id,
    userId: r.user_id,
    userEmail: r.email,
    licenseKind: LicenseKindSchema.parse(r.license_kind),
    activatedAt: iso(r.created_at),
    lastSeenAt: iso(r.refreshed_at),
  }));
}

/**
 * Offline Licenses section (R5, R8): every file issued for the product through the organization or one
 * below it, newest first, expired ones too; a sub-organization drawing on an ancestor's subscription
 * also sees the files made for its members (R13).
 */
export async function offlineLicensesPage(
  ctx: LicensingContext,
  q: TableQuery,
): Promise<Result<OfflineLicensesPage>> {
  const scope = await scopeOf(ctx, q);
  if (!scope.ok) return scope;
  const { subtree } = scope.value;
  const orgIds = subtree ?? (await subtreeOf(ctx.db, q.orgId));
  const base = ctx.db
    .selectFrom('offline_licenses as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .where('o.product_id', '=', q.productId)
    .where((eb) =>
      subtree === null
        ? eb('o.org_id', 'in', orgIds)
        : eb.or([eb('o.org_id', 'in', orgIds), eb('o.user_id', 'in', membersOfOrgs(ctx.db, orgIds))]),
    );
  const rows = base
    .select([
      'o.id',
      'o.machine_id',
      'o.file_name',
      'o.created_at',
      'o.expires_at',
      'o.created_by',
      'u.email',
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  return paged(rows, base.select(count).executeTakeFirstOrThrow(), (r) => ({
    licenseId: r.id,
    machineId: r.machine_id,
    fileName: r.file_name,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    createdBy: r.email ?? r.created_by,
  }));
}
