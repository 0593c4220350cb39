import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { membershipRole } from '../repositories/members';

/** The one answer for an organization the caller cannot see, whether or not it exists (no existence oracle). */
export const NO_SUCH_ORGANIZATION = {
  code: 'UNKNOWN_ORGANIZATION',
  message: 'There is no such organization, or you are not a member of it; ask one of its Owners or Admins.',
} as const;

/**
 * The caller's role in one organization (R15). An organization that does not exist and one the
 * caller is not a member of answer exactly alike (404 UNKNOWN_ORGANIZATION, same sentence), so
 * ids cannot be probed; it is also one query instead of two.
 */
export async function roleIn(db: Kysely<Database>, userId: string, orgId: string): Promise<Result<Role>> {
  const role = await membershipRole(db, orgId, userId);
  if (role === undefined) return fail(NO_SUCH_ORGANIZATION.code, NO_SUCH_ORGANIZATION.message);
  return ok(role);
}
