import type { Transaction } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import type { Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import type { LicensingContext } from './context';
import { lockSubscription, type LockedSubscription } from './subscriptions';

/** Work done while the subscription row is locked: the transaction, the subscription and "now" (epoch ms). */
export type LockedWork<T> = (
  trx: Transaction<Database>,
  sub: LockedSubscription,
  now: number,
) => Promise<Result<T>>;

/** The one way quota-consuming operations run: one transaction, subscription locked first, refusals roll back. */
export async function inLockedSubscription<T>(
  ctx: LicensingContext,
  q: { userId: string; productId: string; orgId?: string | undefined },
  work: LockedWork<T>,
): Promise<Result<T>> {
  const now = ctx.now();
  return transact(ctx.db, async (trx) => {
    const sub = await lockSubscription(trx, { ...q, now, catalog: ctx.catalog });
    return sub.ok ? work(trx, sub.value, now) : sub;
  });
}

/** Management operations (R15): the caller's role in the named organization, then the locked work. */
export async function asOrgActor<T>(
  ctx: LicensingContext,
  q: { actorId: string; orgId: string; productId: string },
  work: (trx: Transaction<Database>, sub: LockedSubscription, role: Role, now: number) => Promise<Result<T>>,
): Promise<Result<T>> {
  const role = await roleIn(ctx.db, q.actorId, q.orgId);
  if (!role.ok) return role;
  return inLockedSubscription(
    ctx,
    { userId: q.actorId, productId: q.productId, orgId: q.orgId },
    (trx, sub, now) => work(trx, sub, role.value, now),
  );
}
