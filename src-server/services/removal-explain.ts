import type { Kysely } from 'kysely';
import { isRemovalCode, removalRefusal } from '../../shared/domain/removal';
import type { ErrorCode } from '../../shared/error-codes';
import type { Failure } from '../../shared/result';
import type { Database } from '../db/schema';
import { canonicalMachineId } from '../repositories/machines';

// Refusals a removal causes downstream: the seat, the membership or the activation is gone.
const EXPLAINABLE: ReadonlySet<ErrorCode> = new Set([
  'NOT_LICENSED',
  'NOT_A_MEMBER',
  'PRODUCT_NOT_SUBSCRIBED',
  'OTHER_ORGANIZATION',
  'UNKNOWN_MACHINE',
]);

/**
 * R23: a lease refresh or checkout refused because an Owner/Admin removed the seat, the member or
 * the machine answers with that removal's code (SEAT_REMOVED, MEMBER_REMOVED, MACHINE_REMOVED), read
 * from the caller's latest activation of the product on that machine; any other refusal is kept.
 */
export async function explainRemoval(
  db: Kysely<Database>,
  q: { userId: string; productId: string; machineId: string },
  refusal: Failure,
): Promise<Failure> {
  if (!EXPLAINABLE.has(refusal.error.code)) return refusal;
  const machineId = canonicalMachineId(q.machineId);
  if (!machineId.ok) return refusal;
  const latest = await db
    .selectFrom('activations as a')
    .innerJoin('machines as m', 'm.id', 'a.machine_ref')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .select(['a.deactivated_at', 'a.end_code'])
    .where('a.user_id', '=', q.userId)
    .where('m.machine_id', '=', machineId.value)
    .where('s.product_id', '=', q.productId)
    .orderBy('a.refreshed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest?.deactivated_at == null || !isRemovalCode(latest.end_code)) return refusal;
  return removalRefusal(latest.end_code);
}
