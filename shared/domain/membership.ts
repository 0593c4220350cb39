import { fail, ok, type Result } from '../result';
import { requireManager, type Role } from './roles';

/** One change to a member: add with a role, change the role, remove (null), or revoke/reissue their key. */
export interface MemberChangeInput {
  readonly actorRole: Role;
  /** The member's role now; null when adding someone who is not a member yet. */
  readonly targetRole: Role | null;
  /** The role afterwards; null removes the member; 'key' leaves the role and touches the API key. */
  readonly change: Role | null | 'key';
  /** Owners of the organization now (to keep at least one). */
  readonly owners: number;
}

/**
 * R15 for members and keys: only an Owner or Admin manages members; only an Owner touches an Owner
 * or makes one; the last Owner can neither be removed nor demoted.
 */
export function decideMemberChange(input: MemberChangeInput): Result<{ readonly role: Role | null }> {
  const manager = requireManager(input.actorRole, 'manage members and their API keys');
  if (!manager.ok) return manager;
  const { targetRole, change } = input;
  const touchesOwner = targetRole === 'owner' || change === 'owner';
  if (touchesOwner && input.actorRole !== 'owner') {
    return fail(
      'FORBIDDEN_ROLE',
      'Only an Owner can add, remove or change an Owner, or revoke an Owner’s key.',
      {
        role: input.actorRole,
      },
    );
  }
  if (change === 'key') return ok({ role: targetRole });
  const losesOwner = targetRole === 'owner' && change !== 'owner';
  if (losesOwner && input.owners <= 1) {
    return fail('LAST_OWNER', 'This is the organization’s last Owner; make another member an Owner first.');
  }
  return ok({ role: change });
}
