import type { Kysely } from 'kysely';

// Removal ends use: an ended session and a deactivated activation keep the stable code of why
// (SEAT_REMOVED, MEMBER_REMOVED, MACHINE_REMOVED, KEY_REVOKED), so the next heartbeat or lease
// refresh is refused with that code and the agent shows its sentence.

/** Adds sessions.end_code and activations.end_code (null: ended for an ordinary reason). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('end_code', 'text').execute();
  await db.schema.alterTable('activations').addColumn('end_code', 'text').execute();
}

/** Removes them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activations').dropColumn('end_code').execute();
  await db.schema.alterTable('sessions').dropColumn('end_code').execute();
}
