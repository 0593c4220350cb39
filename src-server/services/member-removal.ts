import type { Kysely } from 'kysely';
import type { MemberRemovalResponse } from '../../shared/contracts/http/admin-members';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from '../repositories/audit';
import { endUse } from '../repositories/end-use';
import { memberChangeAllowed, type MemberActor } from './member-admin';
import { reachableOrgs } from '../repositories/subscriptions';

/**
 * R15/R23: removes a member; on every line the user can no longer reach (R13) their seats go and their
 * activations and live sessions end in the same transaction, coded MEMBER_REMOVED.
 */
export async function removeMember(
  db: Kysely<Database>,
  actor: MemberActor,
  q: { orgId: string; userId: string },
  now: number,
): Promise<Result<MemberRemovalResponse>> {
  return transact(db, async (trx) => {
    const decision = await memberChangeAllowed(trx, actor, q, null);
    if (!decision.ok) return decision;
    const current = decision.value;
    await trx
      .deleteFrom('memberships')
      .where('org_id', '=', q.orgId)
      .where('user_id', '=', q.userId)
      .execute();
    const reach = [...(await reachableOrgs(trx, q.userId)).keys()];
    let lost = trx.selectFrom('subscriptions').select('id');
    if (reach.length > 0) lost = lost.where('org_id', 'not in', reach);
    const lines = (
      await lost
        .where((eb) =>
          eb.or([
            eb(
              'id',
              'in',
              eb.selectFrom('seat_assignments').select('subscription_id').where('user_id', '=', q.userId),
            ),
            eb(
              'id',
              'in',
              eb
                .selectFrom('activations')
                .select('subscription_id')
                .where('user_id', '=', q.userId)
                .where('deactivated_at', 'is', null),
            ),
            eb(
              'id',
              'in',
              eb
                .selectFrom('sessions')
                .select('subscription_id')
                .where('user_id', '=', q.userId)
                .where('ended_at', 'is', null),
            ),
          ]),
        )
        .execute()
    ).map((l) => l.id);
    if (lines.length > 0)
      await trx
        .deleteFrom('seat_assignments')
        .where('user_id', '=', q.userId)
        .where('subscription_id', 'in', lines)
        .execute();
    const ended = await endUse(
      trx,
      { subscriptionIds: lines, userId: q.userId },
      'MEMBER_REMOVED',
      now,
      actor.userId,
    );
    await audit(trx, {
      action: 'member.removed',
      actorUserId: actor.userId,
      orgId: q.orgId,
      details: { userId: q.userId, role: current, lines: lines.length, ...ended },
    });
    return ok({ removed: true, endedSessions: ended.sessions, deactivated: ended.activations });
  });
}
