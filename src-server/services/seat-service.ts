import type { SeatGrantRequest, SeatResponse } from '../../shared/contracts/http/seats';
import { decideRemoval } from '../../shared/domain/transfer-removal';
import { decideSeatGrant } from '../../shared/domain/seat-grant';
import { ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { isMember } from './members';
import { endSessions } from './session-store';
import { lockSubscription } from './subscriptions';
import { usedLicenses } from './usage';

/** R1/R15/R17: an Owner/Admin grants a member an exclusive seat, never past the license quota. */
export async function grantSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  req: SeatGrantRequest,
): Promise<Result<SeatResponse>> {
  const role = await roleIn(ctx.db, actorId, orgId);
  if (!role.ok) return role;
  const now = ctx.now();
  return transact(ctx.db, async (trx) => {
    const sub = await lockSubscription(trx, {
      userId: actorId,
      productId: req.productId,
      orgId,
      now,
      catalog: ctx.catalog,
    });
    if (!sub.ok) return sub;
    const held = await trx
      .selectFrom('seat_assignments')
      .select('id')
      .where('subscription_id', '=', sub.value.id)
      .where('user_id', '=', req.userId)
      .executeTakeFirst();
    const decision = decideSeatGrant({
      actorRole: role.value,
      target: { isMember: await isMember(trx, orgId, req.userId), alreadyLicensed: held !== undefined },
      used: await usedLicenses(trx, sub.value, now, ctx.config.sessionTtlSeconds),
      quota: sub.value.quota,
    });
    if (!decision.ok) return decision;
    const row = await trx
      .insertInto('seat_assignments')
      .values({ subscription_id: sub.value.id, user_id: req.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, {
      action: 'seat.granted',
      actorUserId: actorId,
      orgId,
      productId: req.productId,
      details: { userId: req.userId, seatId: row.id },
    });
    return ok({ id: row.id, organizationId: orgId, productId: req.productId, userId: req.userId });
  });
}

/** R23: removing a licensed user frees the seat and ends the sessions it carried. */
export async function removeSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  seatId: string,
): Promise<Result<{ removed: boolean }>> {
  const role = await roleIn(ctx.db, actorId, orgId);
  if (!role.ok) return role;
  return transact<{ removed: boolean }>(ctx.db, async (trx) => {
    const seat = await trx
      .selectFrom('seat_assignments as a')
      .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
      .select(['a.id', 'a.user_id', 'a.subscription_id', 's.product_id'])
      .where('a.id', '=', seatId)
      .where('s.org_id', '=', orgId)
      .executeTakeFirst();
    const decision = decideRemoval(role.value, { kind: 'licensed-user', licensed: seat !== undefined });
    if (!decision.ok || seat === undefined) return decision.ok ? ok({ removed: false }) : decision;
    await trx
      .selectFrom('subscriptions')
      .select('id')
      .where('id', '=', seat.subscription_id)
      .forUpdate()
      .execute();
    await trx.deleteFrom('seat_assignments').where('id', '=', seat.id).execute();
    const live = await trx
      .selectFrom('sessions')
      .select('id')
      .where('subscription_id', '=', seat.subscription_id)
      .where('user_id', '=', seat.user_id)
      .where('ended_at', 'is', null)
      .execute();
    await endSessions(
      trx,
      live.map((s) => s.id),
      'Your license was removed by an Owner or Admin.',
      ctx.now(),
      { actorUserId: actorId, action: 'session.ended' },
    );
    await audit(trx, {
      action: 'seat.removed',
      actorUserId: actorId,
      orgId,
      productId: seat.product_id,
      details: { userId: seat.user_id, seatId },
    });
    return ok({ removed: true });
  });
}
