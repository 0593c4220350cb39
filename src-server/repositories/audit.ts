import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** One license event; written in the same transaction as the change it records. */
export interface AuditEvent {
  readonly action: string;
  readonly actorUserId?: string | null;
  readonly orgId?: string | null;
  readonly productId?: string | null;
  readonly machineId?: string | null;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown>;
}

/** Appends events to the audit log (the table refuses updates and deletes). */
export async function audit(db: Kysely<Database>, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        action: e.action,
        actor_user_id: e.actorUserId ?? null,
        org_id: e.orgId ?? null,
        product_id: e.productId ?? null,
        machine_id: e.machineId ?? null,
        reason: e.reason ?? null,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
}
