import type { SeatGrantRequest, SeatResponse } from '../../shared/contracts/http/seats';
import { decideRemoval } from '../../shared/domain/transfer-removal';
import { decideSeatGrant } from '../../shared/domain/seat-grant';
import { ok, type Result } from '../../shared/result';
import { audit } from '../repositories/audit';
import { asOrgActor } from './locked-work';
import type { LicensingContext } from './context';
import { isMember } from '../repositories/members';
import { dropSeat, insertSeat, seatOf } from '../repositories/seat-store';
import { usageLine } from '../repositories/line-units';
import { usedLicenses } from '../repositories/usage';

/** R1/R15/R17: an Owner/Admin grants a member an exclusive seat, never past the license quota. */
export async function grantSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  req: SeatGrantRequest,
): Promise<Result<SeatResponse>> {
  const consumer = { userId: req.userId };
  return asOrgActor(
    ctx,
    { actorId, orgId, productId: req.productId, consumer },
    async (trx, sub, role, now) => {
      const decision = decideSeatGrant({
        actorRole: role,
        target: {
          isMember: await isMember(trx, orgId, req.userId),
          alreadyLicensed: (await seatOf(trx, sub.id, req.userId)) !== undefined,
        },
        used: await usedLicenses(trx, usageLine(sub, sub.product), now, ctx.config.sessionTtlSeconds),
        quota: sub.quota,
      });
      if (!decision.ok) return decision;
      const seat = await insertSeat(trx, sub, req.userId);
      await audit(trx, {
        action: 'seat.granted',
        actorUserId: actorId,
        orgId,
        productId: req.productId,
        details: { userId: req.userId },
      });
      return ok(seat);
    },
  );
}

/** R23: removing a licensed user frees the seat and ends the sessions it carried. */
export async function removeSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  q: { productId: string; userId: string },
): Promise<Result<{ removed: boolean }>> {
  return asOrgActor(ctx, { actorId, orgId, productId: q.productId }, async (trx, sub, role, now) => {
    const decision = decideRemoval(role, {
      kind: 'licensed-user',
      // R13–R15: only a seat of a member of this organization's subtree, never a parent's or sibling's.
      licensed: (await seatOf(trx, sub.id, q.userId)) !== undefined && (await isMember(trx, orgId, q.userId)),
    });
    if (!decision.ok) return decision;
    await dropSeat(trx, sub, q.userId, now, actorId);
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
