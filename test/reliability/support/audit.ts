import type { Kysely } from 'kysely';
import type { Database } from '../../../src-server/db/schema';

/** The audit rows of one action in one organization: reliability tests compare them with the license rows. */
export const auditOf = (db: Kysely<Database>, orgId: string, action: string) =>
  db
    .selectFrom('audit_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('action', '=', action)
    .execute();
