import type { SeatResponse, SeatTransferRequest } from '../../shared/contracts/http/seats';
import { decideTransfer } from '../../shared/domain/transfer-removal';
import { ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { isMember } from './members';
import { dropSeat, insertSeat, seatOf } from './seat-store';
import { lockSubscription } from './subscriptions';
import { usedLicenses } from './usage';

/** R24: a transfer removes one user's seat and grants it to another member, never beyond the quota. */
export async function transferSeat(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  req: SeatTransferRequest,
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
    const fromSeat = await seatOf(trx, sub.value.id, req.fromUserId);
    const fromOffline = await trx
      .selectFrom('offline_licenses')
      .select('id')
      .where('subscription_id', '=', sub.value.id)
      .where('user_id', '=', req.fromUserId)
      .where('expires_at', '>', new Date(now))
      .executeTakeFirst();
    const decision = decideTransfer({
      actorRole: role.value,
      offline: fromSeat === undefined && fromOffline !== undefined,
      from: { licensed: fromSeat !== undefined },
      to: {
        isMember: await isMember(trx, orgId, req.toUserId),
        alreadyLicensed: (await seatOf(trx, sub.value.id, req.toUserId)) !== undefined,
      },
      used: await usedLicenses(trx, sub.value, now, ctx.config.sessionTtlSeconds),
      quota: sub.value.quota,
    });
    if (!decision.ok) return decision;
    await dropSeat(trx, sub.value, req.fromUserId, now, actorId);
    const seat = await insertSeat(trx, sub.value, req.toUserId);
    await audit(trx, {
      action: 'seat.transferred',
      actorUserId: actorId,
      orgId,
      productId: req.productId,
      details: { from: req.fromUserId, to: req.toUserId },
    });
    return ok(seat);
  });
}
