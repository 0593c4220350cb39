import { sql, type Kysely } from 'kysely';

// Indexes for the admin console's filters at scale (1M audit events, 100k machines): audit by action,
// by product and by the user an event is about; live sessions per machine (Registered Machines), and
// sessions by start time per subscription (usage chart); Registered Machines and Online Licenses in
// page order.

const INDEXES: readonly [string, string][] = [
  ['audit_org_action_at_idx', 'audit_events (org_id, action, at desc)'],
  ['audit_org_product_at_idx', 'audit_events (org_id, product_id, at desc) where product_id is not null'],
  [
    'audit_subject_user_at_idx',
    "audit_events ((details->>'userId'), at desc) where details->>'userId' is not null",
  ],
  ['sessions_live_machine_idx', 'sessions (machine_ref) where ended_at is null'],
  ['sessions_sub_started_idx', 'sessions (subscription_id, started_at)'],
  ['machines_org_page_idx', 'machines (org_id, last_seen_at desc, machine_id)'],
  [
    'activations_live_page_idx',
    'activations (subscription_id, created_at desc) where deactivated_at is null',
  ],
];

/** Creates the admin read indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, on] of INDEXES) await sql.raw(`create index ${name} on ${on}`).execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await sql`drop index if exists ${sql.id(name)}`.execute(db);
}
