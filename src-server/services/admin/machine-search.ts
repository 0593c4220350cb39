import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import { likePattern } from './like-pattern';

/** The Registered Machines search as two predicates: on `machines m` and on `offline_licenses o`. */
export interface MachineSearch {
  readonly filtered: boolean;
  readonly machineMatch: RawBuilder<unknown>;
  readonly offlineMatch: RawBuilder<unknown>;
}

/**
 * A machine matches when its ID or the e-mail of a user who activated it (or made its offline license)
 * contains the text. The matching users are looked up first, so the machine side is a small id set
 * (machine IDs through the trigram index where pg_trgm exists) instead of a join the planner must guess
 * the size of: an e-mail branch estimated at 100,000 rows made it hash every live activation.
 */
export async function machineSearch(
  db: Kysely<Database>,
  orgId: string,
  lineIds: readonly string[],
  query: string | undefined,
): Promise<MachineSearch> {
  const text = query?.trim() ?? '';
  if (text === '') return { filtered: false, machineMatch: sql`true`, offlineMatch: sql`true` };
  const pattern = likePattern(text);
  const users = await db.selectFrom('users').select('id').where('email', 'ilike', pattern).execute();
  const userIds = users.map((u) => u.id);
  const byId = sql`select f.id from machines f where f.org_id = ${orgId} and f.machine_id ilike ${pattern}`;
  if (userIds.length === 0)
    return {
      filtered: true,
      machineMatch: sql`m.id in (${byId})`,
      offlineMatch: sql`o.machine_id ilike ${pattern}`,
    };
  const who = sql.join(userIds);
  return {
    filtered: true,
    machineMatch: sql`m.id in (${byId} union select a.machine_ref from activations a
      where a.subscription_id in (${sql.join([...lineIds])}) and a.user_id in (${who}))`,
    offlineMatch: sql`(o.machine_id ilike ${pattern} or o.user_id in (${who}))`,
  };
}
