import type { SeatGrantRequest, SeatResponse } from '../../shared/contracts/http/seats';
import { decideRemoval } from '../../shared/domain/transfer-removal';
import { decideSeatGrant } from '../../shared/domain/seat-grant';
import { ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { isMember } from './members';
import { dropSeat, insertSeat, seatOf } from './seat-store';
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
    const decision = decideSeatGrant({
      actorRole: role.value,
      target: {
        isMember: await isMember(trx, orgId, req.userId),
        alreadyLicensed: (await seatOf(trx, sub.value.id, req.userId)) !== undefined,
      },
      used: await usedLicenses(trx, sub.value, now, ctx.config.sessionTtlSeconds),
      quota: sub.value.quota,
    });
    if (!decision.ok) return decision;
    const seat = await insertSeat(trx, sub.value, req.userId);
    await audit(trx, {
      action: 'seat.granted',
      actorUserId: actorId,
      orgId,
      productId: req.productId,
      details: { userId: req.userId },
    });
    return ok(seat);
  });
}

/** R23: removing a licensed user frees the seat and ends the sessions it carried. */
export async function removeSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  q: { productId: string; userId: string },
): Promise<Result<{ removed: boolean }>> {
  const role = await roleIn(ctx.db, actorId, orgId);
  if (!role.ok) return role;
  const now = ctx.now();
  return transact(ctx.db, async (trx) => {
    const sub = await lockSubscription(trx, {
      userId: actorId,
      productId: q.productId,
      orgId,
      now,
      catalog: ctx.catalog,
    });
    if (!sub.ok) return sub;
    const decision = decideRemoval(role.value, {
      kind: 'licensed-user',
      licensed: (await seatOf(trx, sub.value.id, q.userId)) !== undefined,
    });
    if (!decision.ok) return decision;
    await dropSeat(trx, sub.value, q.userId, now, actorId);
    await audit(trx, {
      action: 'seat.removed',
      actorUserId: actorId,
      orgId,
      productId: q.productId,
      details: { userId: q.userId },
    });
    return ok({ removed: true });
  });
}
