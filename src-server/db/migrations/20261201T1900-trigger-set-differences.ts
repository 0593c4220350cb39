import type { Kysely } from 'kysely';
import { LIVE_MACHINE_COUNT_TRIGGERS } from './20261123T1420-admin-read-speed';
import { RESERVATION_HISTORY_TRIGGERS } from './20261201T1000-reservation-history';
import { replaceStatementTriggerFunctions } from './statement-triggers';

// The INSERT and UPDATE triggers of live_machine_counts and reservation_changes read "the activations
// this statement did not write" as a set difference with its transition table (statement-triggers.ts
// `lessWritten`), no longer as a `not exists` the planner could run as a nested loop re-reading the
// transition table per row. Same rows, same counts; only the plan changes. A database created after
// this change already has these functions from the migrations that made the triggers; one migrated
// before gets them here.

const REBUILT = [LIVE_MACHINE_COUNT_TRIGGERS, RESERVATION_HISTORY_TRIGGERS];

/** Re-creates the INSERT and UPDATE trigger functions from their current bodies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const triggers of REBUILT)
    await replaceStatementTriggerFunctions(db, { ...triggers, operations: ['insert', 'update'] });
}

/** Nothing to undo: the functions before gave the same results, and the triggers' own migrations drop them. */
export async function down(): Promise<void> {}
