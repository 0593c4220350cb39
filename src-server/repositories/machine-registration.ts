import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { UsageLine } from './line-units';
import { machineHeld } from './usage';

// The facts R21's machine registration decides from (shared/domain/sessions.ts
// `decideMachineRegistration`), read by index so an activation costs the same at 10 or 100,000
// registered machines: an `exists` on activations_live_unique and the trigger-kept count of
// live_machine_counts (migration 20261123T1420), with what the machine ID holds (R9, R22).

type Trx = Transaction<Database>;

/** What an activation decides from about its machine (R9, R21, R22), read together. */
export interface MachineFacts {
  /** The machine already holds a live activation of the line (R21: not counted twice). */
  readonly registered: boolean;
  /** Distinct machines holding a live activation; 0 (not read) when `registered`. */
  readonly registeredMachines: number;
  /** The machine ID holds a license by itself (usage.ts `machineHeld`). */
  readonly held: boolean;
}

/**
 * R9, R21, R22 in one statement: whether the machine row already found (`ref`) is registered, only
 * if not how many machines are, and usage.ts `machineHeld`; an activation pays one round trip for
 * them (PGlite runs every statement in turn on one connection).
 */
export async function machineFacts(
  trx: Trx,
  line: UsageLine,
  machine: { ref: string; machineId: string },
  now: number,
): Promise<MachineFacts> {
  const row = await sql<MachineFacts>`
    select f.registered,
      case when f.registered then 0 else coalesce((select c.machines from live_machine_counts c
        where c.subscription_id = ${line.id}), 0) end::int as "registeredMachines",
      ${machineHeld(line, machine, now)} as held
    from (select exists (select 1 from activations a where a.subscription_id = ${line.id}
      and a.machine_ref = ${machine.ref} and a.deactivated_at is null) as registered) f`.execute(trx);
  return row.rows[0] ?? { registered: false, registeredMachines: 0, held: false };
}
