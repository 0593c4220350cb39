import type { Transaction } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import type { Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import type { LicensingContext } from './context';
import { requireDedicationRoom, type Consumer } from './dedication-guard';
import { lockSubscription, type LockedSubscription } from '../repositories/subscriptions';

/** Work done while the subscription row is locked: the transaction, the subscription and "now" (epoch ms). */
export type LockedWork<T> = (
  trx: Transaction<Database>,
  sub: LockedSubscription,
  now: number,
) => Promise<Result<T>>;

/** Which subscription to lock; `consumer` is who uses a license, so R14 dedications are checked for them. */
export interface LockQuery {
  readonly userId: string;
  readonly productId: string;
  readonly orgId?: string | undefined;
  readonly administered?: boolean | undefined;
  readonly consumer?: Consumer | undefined;
}

/**
 * The one way quota-consuming operations run: one transaction, subscription locked first, refusals
 * roll back; after work that uses a license, the consumer's dedication must still hold (R14).
 */
export async function inLockedSubscription<T>(
  ctx: LicensingContext,
  q: LockQuery,
  work: LockedWork<T>,
): Promise<Result<T>> {
  const now = ctx.now();
  return transact(ctx.db, async (trx) => {
    const sub = await lockSubscription(trx, { ...q, now, catalog: ctx.catalog });
    if (!sub.ok) return sub;
    const done = await work(trx, sub.value, now);
    if (!done.ok || q.consumer === undefined) return done;
    const room = await requireDedicationRoom(trx, sub.value, q.consumer, now, ctx.config.sessionTtlSeconds);
    return room.ok ? done : room;
  });
}

/**
 * Management operations (R13–R15): the caller's role over the named organization (held there or
 * above it), then the locked work on the organization's nearest subscription up the tree.
 */
export async function asOrgActor<T>(
  ctx: LicensingContext,
  q: { actorId: string; orgId: string; productId: string; consumer?: Consumer | undefined },
  work: (trx: Transaction<Database>, sub: LockedSubscription, role: Role, now: number) => Promise<Result<T>>,
): Promise<Result<T>> {
  const role = await roleIn(ctx.db, q.actorId, q.orgId);
  if (!role.ok) return role;
  return inLockedSubscription(
    ctx,
    {
      userId: q.actorId,
      productId: q.productId,
      orgId: q.orgId,
      administered: true,
      consumer: q.consumer,
    },
    (trx, sub, now) => work(trx, sub, role.value, now),
  );
}
