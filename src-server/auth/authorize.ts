import { sql, type Kysely } from 'kysely';
import { decideOrgAccess, NO_SUCH_ORGANIZATION, type OrgAccess } from '../../shared/domain/org-access';
import { RoleSchema, type Role } from '../../shared/domain/roles';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { upCte } from '../repositories/org-ancestry';

export { NO_SUCH_ORGANIZATION };

/**
 * The organization and its ancestors (target first) with the caller's role in each: the one query
 * behind every "may this caller act on that organization" decision (shared/domain/org-access.ts).
 */
export async function orgAccess(
  db: Kysely<Database>,
  userId: string,
  orgId: string,
): Promise<Result<OrgAccess>> {
  const rows = await sql<{ id: string; role: string | null }>`
    with recursive ${upCte(orgId)}
    select up.id, m.role from up left join memberships m on m.org_id = up.id and m.user_id = ${userId}
    order by up.depth`.execute(db);
  return accessAlong(rows.rows);
}

/**
 * The access decision (shared/domain/org-access.ts) from an organization chain read elsewhere: the
 * target first, then its ancestors, each with the caller's membership role there or null.
 */
export function accessAlong(chain: readonly { id: string; role: string | null }[]): Result<OrgAccess> {
  const memberships = new Map<string, Role>();
  for (const r of chain) {
    const role = RoleSchema.safeParse(r.role);
    if (role.success) memberships.set(r.id, role.data);
  }
  return decideOrgAccess(
    chain.map((r) => r.id),
    memberships,
  );
}

/**
 * The caller's role over one organization (R13–R15): their strongest role there or in an ancestor,
 * since an Owner or Admin administers the whole subtree. A parent, a sibling, another account's
 * organization and a missing id answer exactly alike (404 UNKNOWN_ORGANIZATION, same sentence).
 */
export async function roleIn(db: Kysely<Database>, userId: string, orgId: string): Promise<Result<Role>> {
  const access = await orgAccess(db, userId, orgId);
  return access.ok ? ok(access.value.role) : access;
}
