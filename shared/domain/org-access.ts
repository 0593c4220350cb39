import { fail, ok, type Result } from '../result';
import type { Role } from './roles';

/** The one answer for an organization the caller cannot see, whether or not it exists (no existence oracle). */
export const NO_SUCH_ORGANIZATION = {
  code: 'UNKNOWN_ORGANIZATION',
  message: 'There is no such organization, or you are not a member of it; ask one of its Owners or Admins.',
} as const;

const STRENGTH: Readonly<Record<Role, number>> = { owner: 3, admin: 2, member: 1 };

/** The caller's standing over one organization: their role there and the organization that gives it. */
export interface OrgAccess {
  readonly role: Role;
  readonly via: string;
}

/**
 * R13–R15: administration flows down the tree, never up or sideways. `ancestry` is the target
 * organization first, then its parent, up to the root ([] when it does not exist); `memberships` is
 * the caller's role per organization. The caller holds their strongest role at the target or any
 * ancestor; with none there (a parent, a sibling, another account, a missing id) the organization
 * answers exactly like a missing one.
 */
export function decideOrgAccess(
  ancestry: readonly string[],
  memberships: ReadonlyMap<string, Role>,
): Result<OrgAccess> {
  let best: OrgAccess | undefined;
  for (const orgId of ancestry) {
    const role = memberships.get(orgId);
    if (role !== undefined && (best === undefined || STRENGTH[role] > STRENGTH[best.role]))
      best = { role, via: orgId };
  }
  return best === undefined ? fail(NO_SUCH_ORGANIZATION.code, NO_SUCH_ORGANIZATION.message) : ok(best);
}

/**
 * R15 across the tree: a license granted through an organization goes only to a member of it or of
 * one of its sub-organizations. `userReach` is every organization the user belongs to and their
 * ancestors.
 */
export function isMemberUnder(orgId: string, userReach: ReadonlySet<string>): boolean {
  return userReach.has(orgId);
}
