import type { Transaction } from 'kysely';
import type { SeatGrantRequest, SeatResponse, SeatTransferRequest } from '../../shared/contracts/http/seats';
import { decideRemoval, decideTransfer } from '../../shared/domain/transfer-removal';
import { decideSeatGrant } from '../../shared/domain/seat-grant';
import { ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { isMember } from './members';
import { endSessions } from './session-store';
import { lockSubscription, type LockedSubscription } from './subscriptions';
import { usedLicenses } from './usage';

type Trx = Transaction<Database>;

const seatOf = (trx: Trx, subscriptionId: string, userId: string) =>
  trx
    .selectFrom('seat_assignments')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

async function insertSeat(trx: Trx, sub: LockedSubscription, userId: string): Promise<SeatResponse> {
  const seat = await trx
    .insertInto('seat_assignments')
    .values({ subscription_id: sub.id, user_id: userId })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  const user = await trx
    .selectFrom('users')
    .select(['email', 'name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: seat.id,
    organizationId: sub.orgId,
    productId: sub.product.id,
    userId,
    ...user,
    assignedAt: seat.created_at.toISOString(),
    lastActiveAt: null,
  };
}

async function dropSeat(
  trx: Trx,
  sub: LockedSubscription,
  userId: string,
  now: number,
  actorId: string,
): Promise<void> {
  await trx
    .deleteFrom('seat_assignments')
    .where('subscription_id', '=', sub.id)
    .where('user_id', '=', userId)
    .execute();
  const live = await trx
    .selectFrom('sessions')
    .select('id')
    .where('subscription_id', '=', sub.id)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
  await endSessions(
    trx,
    live.map((s) => s.id),
    'Your license was removed by an Owner or Admin.',
    now,
    { actorUserId: actorId, action: 'session.ended' },
  );
}

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
