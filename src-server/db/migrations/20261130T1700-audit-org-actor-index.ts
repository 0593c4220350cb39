import { sql, type Kysely } from 'kysely';

// The audit page's total for "events by this user" counts the user's own events from an index
// alone (org, actor, time), without visiting the audit rows, which the hash chain of
// 20261130T0510-audit-chain made about twice as wide. It replaces audit_actor_at_idx (actor, time):
// every audit read filters by organization, so the old index is only a less selective copy.

/** Creates audit_org_actor_at_idx and drops the index it supersedes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_org_actor_at_idx on audit_events (org_id, actor_user_id, at desc)
    where actor_user_id is not null`.execute(db);
  await sql`drop index if exists audit_actor_at_idx`.execute(db);
}

/** Back to audit_actor_at_idx. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_actor_at_idx on audit_events (actor_user_id, at desc) where actor_user_id is not null`.execute(
    db,
  );
  await sql`drop index if exists audit_org_actor_at_idx`.execute(db);
}
