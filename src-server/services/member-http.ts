import type {
  KeyRevocationResponse,
  MemberAddRequest,
  MemberRemovalResponse,
  MemberResponse,
  NewKeyResponse,
} from '../../shared/contracts/http/admin-members';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import { revokeMemberKeys, rotateOwnKey } from './api-key-admin';
import type { LicensingContext } from './context';
import { addMemberByEmail, changeMemberRole, type MemberActor } from './member-admin';
import { removeMember } from './member-removal';

// The member and key operations as an API caller makes them: the caller's role in the organization
// first (R15), then the change. The operator CLI calls member-admin.ts and api-key-admin.ts directly.

async function actorIn(ctx: LicensingContext, userId: string, orgId: string): Promise<Result<MemberActor>> {
  const role = await roleIn(ctx.db, userId, orgId);
  return role.ok ? ok({ userId, role: role.value }) : role;
}

/** POST /v1/orgs/{orgId}/members. */
export async function addMemberAs(
  ctx: LicensingContext,
  callerId: string,
  orgId: string,
  req: MemberAddRequest,
): Promise<Result<MemberResponse>> {
  const actor = await actorIn(ctx, callerId, orgId);
  return actor.ok ? addMemberByEmail(ctx.db, actor.value, orgId, req) : actor;
}

/** PUT /v1/orgs/{orgId}/members/{userId}/role. */
export async function changeRoleAs(
  ctx: LicensingContext,
  callerId: string,
  q: { orgId: string; userId: string; role: Role },
): Promise<Result<MemberResponse>> {
  const actor = await actorIn(ctx, callerId, q.orgId);
  return actor.ok ? changeMemberRole(ctx.db, actor.value, q) : actor;
}

/** DELETE /v1/orgs/{orgId}/members/{userId}. */
export async function removeMemberAs(
  ctx: LicensingContext,
  callerId: string,
  q: { orgId: string; userId: string },
): Promise<Result<MemberRemovalResponse>> {
  const actor = await actorIn(ctx, callerId, q.orgId);
  return actor.ok ? removeMember(ctx.db, actor.value, q, ctx.now()) : actor;
}

/** POST /v1/orgs/{orgId}/members/{userId}/api-key/revoke. */
export async function revokeKeyAs(
  ctx: LicensingContext,
  callerId: string,
  q: { orgId: string; userId: string },
): Promise<Result<KeyRevocationResponse>> {
  const actor = await actorIn(ctx, callerId, q.orgId);
  if (!actor.ok) return actor;
  const done = await revokeMemberKeys(ctx.db, actor.value, { ...q, reissue: false }, ctx.now());
  return done.ok ? ok({ revoked: done.value.revoked, endedSessions: done.value.endedSessions }) : done;
}

/** POST /v1/orgs/{orgId}/members/{userId}/api-key: revokes and issues a new key, shown once. */
export async function reissueKeyAs(
  ctx: LicensingContext,
  callerId: string,
  q: { orgId: string; userId: string },
): Promise<Result<NewKeyResponse>> {
  const actor = await actorIn(ctx, callerId, q.orgId);
  if (!actor.ok) return actor;
  const done = await revokeMemberKeys(ctx.db, actor.value, { ...q, reissue: true }, ctx.now());
  if (!done.ok) return done;
  return done.value.newKey ? ok(done.value.newKey) : fail('INTERNAL', 'No key was issued.');
}

/** POST /v1/me/api-key: the caller rotates their own key. */
export const rotateOwnKeyAs = (ctx: LicensingContext, callerId: string): Promise<Result<NewKeyResponse>> =>
  rotateOwnKey(ctx.db, callerId, ctx.now());
