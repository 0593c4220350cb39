import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CurrentLine } from './access';

/** What one subscription line uses, counted in SQL so 100,000 machines cost one aggregate, not 100,000 rows. */
export interface LineUsage {
  /** Licenses attributed online, by kind: seats, machines holding a live activation, or live sessions. */
  readonly onlineUsed: number;
  /** Machine IDs bound to unexpired offline licenses (few: each is a file an admin made by hand). */
  readonly offlineMachineIds: readonly string[];
  /** Registered machines: online machine IDs ∪ offline machine IDs (R16). */
  readonly registered: number;
}

/**
 * The same counts as usage.ts `usedLicenses` (R9: online + offline), per kind, as one statement;
 * test/server/admin/license-counts.test.ts keeps the two equal. Machines with a live activation come
 * from live_machine_counts (exact, kept by triggers on activations: migration 20261123T1420).
 */
export async function lineUsage(
  db: Kysely<Database>,
  line: Pick<CurrentLine, 'id' | 'kind'>,
  orgId: string,
  now: number,
  ttlSeconds: number,
): Promise<LineUsage> {
  const at = new Date(now);
  const row = await sql<{ machines: number; seats: number; sessions: number; offline_only: number }>`
    select
      coalesce((select c.machines from live_machine_counts c where c.subscription_id = ${line.id}), 0) as machines,
      (select count(*)::int from seat_assignments where subscription_id = ${line.id}) as seats,
      (select count(*)::int from sessions s where s.subscription_id = ${line.id} and s.ended_at is null
        and s.heartbeat_at > ${new Date(now - ttlSeconds * 1000)}) as sessions,
      (select count(distinct o.machine_id)::int from offline_licenses o
        where o.subscription_id = ${line.id} and o.expires_at > ${at} and not exists (
          select 1 from activations a join machines m on m.id = a.machine_ref
          where a.subscription_id = ${line.id} and a.deactivated_at is null
            and m.org_id = ${orgId} and m.machine_id = o.machine_id)) as offline_only`.execute(db);
  const counts = row.rows[0] ?? { machines: 0, seats: 0, sessions: 0, offline_only: 0 };
  const offline = await db
    .selectFrom('offline_licenses')
    .select('machine_id')
    .where('subscription_id', '=', line.id)
    .where('expires_at', '>', at)
    .execute();
  if (line.kind === 'aut') {
    // R3: TrueTest uses one license per distinct application under test.
    const apps = await sql<{ n: number }>`
      select count(distinct application_id)::int as n from sessions where subscription_id = ${line.id}
        and ended_at is null and application_id is not null
        and heartbeat_at > ${new Date(now - ttlSeconds * 1000)}`.execute(db);
    return { onlineUsed: apps.rows[0]?.n ?? 0, offlineMachineIds: [], registered: counts.machines };
  }
  const onlineUsed =
    line.kind === 'per-user' || line.kind === 'seat'
      ? counts.seats
      : line.kind === 'session' || line.kind === 'node-locked'
        ? counts.machines
        : line.kind === 'floating'
          ? counts.sessions
          : 0;
  return {
    onlineUsed,
    offlineMachineIds: offline.map((o) => o.machine_id),
    registered: counts.machines + counts.offline_only,
  };
}
