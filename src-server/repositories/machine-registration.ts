import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

// The facts R21's machine registration decides from (shared/domain/sessions.ts
// `decideMachineRegistration`), read by index so an activation costs the same at 10 or 100,000
// registered machines: an `exists` on activations_live_unique and the trigger-kept count of
// live_machine_counts (migration 20261123T1420).

type Trx = Transaction<Database>;

/** Whether this machine already holds a live activation of the subscription (R21: not counted twice). */
export async function machineRegistered(
  trx: Trx,
  subscriptionId: string,
  machineRef: string,
): Promise<boolean> {
  const row = await sql<{ registered: boolean }>`
    select exists (select 1 from activations a where a.subscription_id = ${subscriptionId}
      and a.machine_ref = ${machineRef} and a.deactivated_at is null) as registered`.execute(trx);
  return row.rows[0]?.registered ?? false;
}

/** Distinct machines holding a live activation of the subscription (R21), from live_machine_counts. */
export async function registeredMachineCount(trx: Trx, subscriptionId: string): Promise<number> {
  const row = await sql<{ machines: number }>`
    select coalesce((select c.machines from live_machine_counts c
      where c.subscription_id = ${subscriptionId}), 0)::int as machines`.execute(trx);
  return row.rows[0]?.machines ?? 0;
}
