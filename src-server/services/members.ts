import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';

/** R15: licenses go only to members; an unknown user and a non-member get different sentences. */
export async function requireMemberUser(
  db: Kysely<Database>,
  orgId: string,
  userId: string,
): Promise<Result<{ isMember: true }>> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (user === undefined) return fail('UNKNOWN_USER', 'There is no such user.');
  const membership = await db
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (membership === undefined)
    return fail(
      'NOT_A_MEMBER',
      'A license can be granted only to a member of the organization; invite the user first.',
    );
  return ok({ isMember: true });
}

/** Whether a user belongs to an organization (for rules that take `isMember` as a fact). */
export async function isMember(db: Kysely<Database>, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
