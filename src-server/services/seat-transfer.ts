import type { SeatResponse, SeatTransferRequest } from '../../shared/contracts/http/seats';
import { decideTransfer } from '../../shared/domain/transfer-removal';
import { ok, type Result } from '../../shared/result';
import { audit } from '../repositories/audit';
import { asOrgActor } from './locked-work';
import type { LicensingContext } from './context';
import { isMember } from '../repositories/members';
import { dropSeat, insertSeat, seatOf } from '../repositories/seat-store';
import { usageLine } from '../repositories/line-units';
import { usedLicenses } from '../repositories/usage';

/** R24: a transfer removes one user's seat and grants it to another member, never beyond the quota. */
export async function transferSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  req: SeatTransferRequest,
): Promise<Result<SeatResponse>> {
  const consumer = { userId: req.toUserId };
  return asOrgActor(
    ctx,
    { actorId, orgId, productId: req.productId, consumer },
    async (trx, sub, role, now) => {
      // R13–R15: the seat given up must belong to a member of this organization's subtree.
      const fromSeat = (await isMember(trx, orgId, req.fromUserId))
        ? await seatOf(trx, sub.id, req.fromUserId)
        : undefined;
      const fromOffline = await trx
        .selectFrom('offline_licenses')
        .select('id')
        .where('subscription_id', '=', sub.id)
        .where('user_id', '=', req.fromUserId)
        .where('expires_at', '>', new Date(now))
        .executeTakeFirst();
      const decision = decideTransfer({
        actorRole: role,
        offline: fromSeat === undefined && fromOffline !== undefined,
        from: { licensed: fromSeat !== undefined },
        to: {
          isMember: await isMember(trx, orgId, req.toUserId),
          alreadyLicensed: (await seatOf(trx, sub.id, req.toUserId)) !== undefined,
        },
        used: await usedLicenses(trx, usageLine(sub, sub.product), now, ctx.config.sessionTtlSeconds),
        quota: sub.quota,
      });
      if (!decision.ok) return decision;
      await dropSeat(trx, sub, req.fromUserId, now, actorId);
      const seat = await insertSeat(trx, sub, req.toUserId);
      await audit(trx, {
        action: 'seat.transferred',
        actorUserId: actorId,
        orgId,
        productId: req.productId,
        details: { from: req.fromUserId, to: req.toUserId },
      });
      return ok(seat);
    },
  );
}
