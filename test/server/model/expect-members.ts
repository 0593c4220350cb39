import { fail, ok, type Result } from '../../../shared/result';
import { cloneModel } from './expect-admin';
import { deactivateKeys, endSessions, reaches, type Model } from './model';
import type { UserName } from './world';

// Member and API-key lifecycle as the model expects it (R13, R15, R23): removal ends use on every
// line the user no longer reaches, a revoked key ends the user's sessions but keeps their machines.

/** What a member removal or key revocation answers besides success. */
export interface Counts {
  readonly endedSessions: number;
  readonly deactivated: number;
}

/** Applies a member removal; returns what it ended. */
function removeMember(x: Model, u: UserName): Counts {
  x.members.delete(u);
  if (reaches(x, u)) return { endedSessions: 0, deactivated: 0 };
  x.seats.delete(u);
  const deactivated = deactivateKeys(x, (k) => k.split('|')[1] === u, 'MEMBER_REMOVED');
  const endedSessions = endSessions(x, (s) => s.user === u, 'MEMBER_REMOVED');
  return { endedSessions, deactivated };
}

/** DELETE /v1/orgs/{root}/members/{user}: seats, activations and sessions go where the user lost reach. */
export function expectRemoveMember(m: Model, u: UserName) {
  if (!m.members.has(u)) return fail('NOT_A_MEMBER', 'This user is not a member of the organization.');
  return ok({ counts: removeMember(cloneModel(m), u), apply: (x: Model) => void removeMember(x, u) });
}

/** POST /v1/orgs/{root}/members: adds the user back (R15); a member already is refused. */
export function expectAddMember(m: Model, u: UserName): Result<(x: Model) => void> {
  if (m.members.has(u)) return fail('ALREADY_A_MEMBER', 'Already a member.');
  return ok((x) => void x.members.add(u));
}

/** POST …/api-key/revoke or …/api-key: the user's sessions end (KEY_REVOKED); machines stay activated. */
export function expectRevokeKey(m: Model, u: UserName, reissue: boolean) {
  if (!m.members.has(u)) return fail('NOT_A_MEMBER', 'This user is not a member of the organization.');
  const revoked = m.revoked.has(u) ? 0 : 1;
  const endedSessions = m.sessions.filter((s) => s.user === u && s.endedAt === null).length;
  return ok({
    revoked,
    endedSessions,
    apply: (x: Model) => {
      endSessions(x, (s) => s.user === u, 'KEY_REVOKED');
      if (reissue) x.revoked.delete(u);
      else x.revoked.add(u);
    },
  });
}
