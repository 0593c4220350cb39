import type { Kysely, Transaction } from 'kysely';
import type { MemberAddRequest, MemberResponse } from '../../shared/contracts/http/admin-members';
import { decideMemberChange } from '../../shared/domain/membership';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from '../repositories/audit';
import { createUser } from './provisioning';

type Trx = Transaction<Database>;

/** Who changes members: a user with their role in the organization, or the operator CLI (null, acts as an Owner). */
export interface MemberActor {
  readonly userId: string | null;
  readonly role: Role;
}

/** Owners of an organization, their rows locked so two demotions cannot both pass the last-Owner rule. */
export const ownersOf = async (trx: Trx, orgId: string): Promise<number> =>
  (
    await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('org_id', '=', orgId)
      .where('role', '=', 'owner')
      .forUpdate()
      .execute()
  ).length;

/** A user's role in an organization within the transaction, or null. */
export const roleOf = async (trx: Trx, orgId: string, userId: string): Promise<Role | null> =>
  (
    await trx
      .selectFrom('memberships')
      .select('role')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  )?.role ?? null;

/** R15: adds a member by email (creating the user and their first API key, shown once, if unknown). */
export async function addMemberByEmail(
  db: Kysely<Database>,
  actor: MemberActor,
  orgId: string,
  req: MemberAddRequest,
): Promise<Result<MemberResponse>> {
  return transact(db, async (trx) => {
    const email = req.email.toLowerCase();
    const known = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', email)
      .executeTakeFirst();
    const current = known ? await roleOf(trx, orgId, known.id) : null;
    if (current !== null)
      return fail('ALREADY_A_MEMBER', `${email} is already a member of this organization.`);
    const decision = decideMemberChange({
      actorRole: actor.role,
      targetRole: null,
      change: req.role,
      owners: await ownersOf(trx, orgId),
    });
    if (!decision.ok) return decision;
    const name = req.name ?? known?.name ?? email.split('@')[0] ?? email;
    const created = known ? null : await createUser(trx, { email, name });
    const userId = known?.id ?? created?.userId ?? '';
    await trx.insertInto('memberships').values({ org_id: orgId, user_id: userId, role: req.role }).execute();
    await audit(trx, {
      action: 'member.added',
      actorUserId: actor.userId,
      orgId,
      details: { userId, role: req.role, newUser: created !== null },
    });
    return ok({ userId, email, name, role: req.role, apiKey: created?.apiKey ?? null });
  });
}

/**
 * R15: the one check before a role change or a removal (`change: null`): the target is a member and
 * decideMemberChange allows it. Answers the target's current role.
 */
export async function memberChangeAllowed(
  trx: Transaction<Database>,
  actor: MemberActor,
  q: { orgId: string; userId: string },
  change: Role | null,
): Promise<Result<Role>> {
  const current = await roleOf(trx, q.orgId, q.userId);
  if (current === null) return fail('NOT_A_MEMBER', 'This user is not a member of the organization.');
  const decision = decideMemberChange({
    actorRole: actor.role,
    targetRole: current,
    change,
    owners: await ownersOf(trx, q.orgId),
  });
  return decision.ok ? ok(current) : decision;
}

/** R15: changes a member's role; never leaves the organization without an Owner. */
export async function changeMemberRole(
  db: Kysely<Database>,
  actor: MemberActor,
  q: { orgId: string; userId: string; role: Role },
): Promise<Result<MemberResponse>> {
  return transact(db, async (trx) => {
    const decision = await memberChangeAllowed(trx, actor, q, q.role);
    if (!decision.ok) return decision;
    const current = decision.value;
    await trx
      .updateTable('memberships')
      .set({ role: q.role })
      .where('org_id', '=', q.orgId)
      .where('user_id', '=', q.userId)
      .execute();
    await audit(trx, {
      action: 'member.role-changed',
      actorUserId: actor.userId,
      orgId: q.orgId,
      details: { userId: q.userId, from: current, to: q.role },
    });
    const user = await trx
      .selectFrom('users')
      .select(['email', 'name'])
      .where('id', '=', q.userId)
      .executeTakeFirstOrThrow();
    return ok({ userId: q.userId, ...user, role: q.role, apiKey: null });
  });
}
