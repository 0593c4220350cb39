import type { Transaction } from 'kysely';
import type { FloatingLicense } from '../../shared/domain/floating';
import type { Database } from '../db/schema';

/** A live session as the floating rule needs it: which slot it holds and on which machine. */
export interface SlotSession {
  readonly id: string;
  readonly slot: number | null;
  readonly machine_id: string;
}

/**
 * R26: a floating line's licenses as the shared rule sees them — slots 0..quota-1, each with the
 * machines it spans and its running session (none when `live` is omitted, as at activation).
 */
export async function floatingSpans(
  trx: Transaction<Database>,
  subscriptionId: string,
  quota: number,
  live: readonly SlotSession[] = [],
): Promise<FloatingLicense[]> {
  const slotMachines = await trx
    .selectFrom('floating_slots as fs')
    .innerJoin('machines as m', 'm.id', 'fs.machine_ref')
    .select(['fs.slot', 'm.machine_id'])
    .where('fs.subscription_id', '=', subscriptionId)
    .execute();
  return Array.from({ length: quota }, (_, slot) => {
    const session = live.find((s) => s.slot === slot);
    return {
      licenseId: String(slot),
      machineIds: slotMachines.filter((m) => m.slot === slot).map((m) => m.machine_id),
      activeSession: session ? { sessionId: session.id, machineId: session.machine_id } : null,
    };
  });
}
