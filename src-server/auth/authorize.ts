import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { membershipRole } from '../services/members';

/** The caller's role in one organization, or the refusal telling why they may not act there (R15). */
export async function roleIn(db: Kysely<Database>, userId: string, orgId: string): Promise<Result<Role>> {
  const org = await db.selectFrom('organizations').select('id').where('id', '=', orgId).executeTakeFirst();
  if (org === undefined) return fail('UNKNOWN_ORGANIZATION', 'There is no such organization.');
  const role = await membershipRole(db, orgId, userId);
  if (role === undefined) {
    return fail(
      'OTHER_ORGANIZATION',
      'You are not a member of this organization; ask one of its Owners or Admins.',
    );
  }
  return ok(role);
}
