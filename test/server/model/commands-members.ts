import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import {
  KeyRevocationResponse,
  MemberRemovalResponse,
  NewKeyResponse,
} from '../../../shared/contracts/http/admin-members';
import { codeOf, disagree, request, Step, tally, UserStep } from './command-kit';
import { expectAddMember, expectRemoveMember, expectRevokeKey } from './expect-members';
import type { Model } from './model';
import type { UserName, World } from './world';

// Member and API-key lifecycle as model commands (R15, R23: removal ends use).

/** Compares the refusal code; true when the server refused like the model expected. */
function refusedAlike(what: string, got: string | null, want: string | null): boolean {
  tally(what, got);
  if (got !== want) disagree(what, got ?? 'ok', want ?? 'ok');
  return want !== null;
}

/** DELETE /v1/orgs/{root}/members/{user}. */
export class RemoveMember extends UserStep {
  protected async act(m: Model, w: World) {
    const url = ADMIN_PATHS.member(w.rootOrgId, w.users[this.user].userId);
    const answer = await request(w, { method: 'DELETE', url, key: w.ownerKey });
    const want = expectRemoveMember(m, this.user);
    if (refusedAlike(this.toString(), codeOf(answer), want.ok ? null : want.error.code) || !want.ok) return;
    const got = MemberRemovalResponse.parse(answer.body);
    const counts = { endedSessions: got.endedSessions, deactivated: got.deactivated };
    if (JSON.stringify(counts) !== JSON.stringify(want.value.counts))
      disagree(this.toString(), counts, want.value.counts);
    want.value.apply(m);
  }
  toString() {
    return `removeMember(${this.user})`;
  }
}

/** POST /v1/orgs/{root}/members: the user comes back as a member. */
export class AddMember extends UserStep {
  protected async act(m: Model, w: World) {
    const body = { email: w.users[this.user].email, role: 'member' };
    const answer = await request(w, {
      method: 'POST',
      url: ADMIN_PATHS.members(w.rootOrgId),
      key: w.ownerKey,
      body,
    });
    const want = expectAddMember(m, this.user);
    if (refusedAlike(this.toString(), codeOf(answer), want.ok ? null : want.error.code) || !want.ok) return;
    want.value(m);
  }
  toString() {
    return `addMember(${this.user})`;
  }
}

/** POST …/api-key/revoke (or …/api-key to reissue): the user's sessions end, KEY_REVOKED. */
export class RevokeKey extends Step {
  constructor(
    readonly user: UserName,
    readonly reissue: boolean,
  ) {
    super();
  }
  protected async act(m: Model, w: World) {
    const userId = w.users[this.user].userId;
    const url = this.reissue
      ? ADMIN_PATHS.memberKey(w.rootOrgId, userId)
      : ADMIN_PATHS.memberKeyRevoke(w.rootOrgId, userId);
    const answer = await request(w, { method: 'POST', url, key: w.ownerKey });
    const want = expectRevokeKey(m, this.user, this.reissue);
    if (refusedAlike(this.toString(), codeOf(answer), want.ok ? null : want.error.code) || !want.ok) return;
    if (this.reissue) w.keys[this.user] = NewKeyResponse.parse(answer.body).apiKey;
    else {
      const got = KeyRevocationResponse.parse(answer.body);
      const wanted = { revoked: want.value.revoked, endedSessions: want.value.endedSessions };
      if (got.revoked !== wanted.revoked || got.endedSessions !== wanted.endedSessions)
        disagree(this.toString(), got, wanted);
    }
    want.value.apply(m);
  }
  toString() {
    return `${this.reissue ? 'reissueKey' : 'revokeKey'}(${this.user})`;
  }
}
