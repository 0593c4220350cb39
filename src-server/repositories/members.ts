import type { Kysely } from 'kysely';
import { isMemberUnder } from '../../shared/domain/org-access';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { reachableOrgs } from './subscriptions';

/** A user's role in one organization, or undefined when they are not a member: the one membership query. */
export async function membershipRole(
  db: Kysely<Database>,
  orgId: string,
  userId: string,
): Promise<Role | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

/**
 * R15: licenses go only to members of the organization or of one of its sub-organizations (R13). A user who does not exist and one outside this organization
 * answer exactly alike (NOT_A_MEMBER, the seat rules' sentence), so admins cannot probe other
 * organizations' users.
 */
export async function requireMemberUser(
  db: Kysely<Database>,
  orgId: string,
  userId: string,
): Promise<Result<{ isMember: true }>> {
  if (!(await isMember(db, orgId, userId)))
    return fail(
      'NOT_A_MEMBER',
      'A license can be granted only to a member of the organization; invite the user first.',
    );
  return ok({ isMember: true });
}

/**
 * Whether a user belongs to an organization or to one of its sub-organizations (for rules that take
 * `isMember` as a fact): an Owner or Admin grants through any organization above the user (R13–R15).
 */
export async function isMember(db: Kysely<Database>, orgId: string, userId: string): Promise<boolean> {
  return isMemberUnder(orgId, new Set((await reachableOrgs(db, userId)).keys()));
}
