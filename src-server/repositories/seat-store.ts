import type { Transaction } from 'kysely';
import type { SeatResponse } from '../../shared/contracts/http/seats';
import type { Database } from '../db/schema';
import { endUse } from './end-use';
import type { LockedSubscription } from './subscriptions';

type Trx = Transaction<Database>;

/** The user's seat on a subscription, if any. */
export const seatOf = (trx: Trx, subscriptionId: string, userId: string) =>
  trx
    .selectFrom('seat_assignments')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** Inserts a seat and answers it as License Management lists licensed users. */
export async function insertSeat(trx: Trx, sub: LockedSubscription, userId: string): Promise<SeatResponse> {
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

/** R23: removes a seat and ends its use: the user's activations and sessions on the line, coded SEAT_REMOVED. */
export async function dropSeat(
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
  await endUse(trx, { subscriptionIds: [sub.id], userId }, 'SEAT_REMOVED', now, actorId);
}
