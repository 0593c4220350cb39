import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';

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

/** R15: licenses go only to members; an unknown user and a non-member get different sentences. */
export async function requireMemberUser(
  db: Kysely<Database>,
  orgId: string,
  userId: string,
): Promise<Result<{ isMember: true }>> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (user === undefined) return fail('UNKNOWN_USER', 'There is no such user.');
  if ((await membershipRole(db, orgId, userId)) === undefined)
    return fail(
      'NOT_A_MEMBER',
      'A license can be granted only to a member of the organization; invite the user first.',
    );
  return ok({ isMember: true });
}

/** Whether a user belongs to an organization (for rules that take `isMember` as a fact). */
export async function isMember(db: Kysely<Database>, orgId: string, userId: string): Promise<boolean> {
  return (await membershipRole(db, orgId, userId)) !== undefined;
}
