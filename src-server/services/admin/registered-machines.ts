import { sql, type RawBuilder } from 'kysely';
import type { MachinesPage } from '../../../shared/contracts/http/admin-licenses';
import { VirtualizationSchema } from '../../../shared/contracts/http/common';
import { ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { productScope } from './access';
import { afterMachineCursor, encodeMachineCursor, seenAtOrBefore } from './machine-cursor';
import { machineSearch } from './machine-search';
import type { TableQuery } from './license-tables';

interface MachineRow {
  machine_id: string;
  virtualization: string;
  first_seen_at: Date;
  last_seen_at: Date;
  online: boolean;
  offline: boolean;
  email: string | null;
  session_id: string | null;
  session_started: Date | null;
  seen: string;
}

/**
 * Registered Machines (R16, R21): machines with a live activation ∪ machine IDs bound to an unexpired
 * offline license (which may never have contacted the server). Three disjoint branches — online,
 * offline-only with a machine row, offline-only without one — each walk their index in page order from
 * the cursor or jump point and stop at offset+limit (offset ≤ MACHINES_MAX_OFFSET); per-row facts
 * (email, session) are read for the page only.
 */
export async function machinesPage(
  ctx: LicensingContext,
  q: TableQuery & {
    query?: string | undefined;
    after?: string | undefined;
    seenAtOrBefore?: string | undefined;
  },
): Promise<Result<MachinesPage>> {
  const now = new Date(ctx.now());
  const scope = await productScope(ctx.db, ctx.catalog, {
    ...q,
    now: now.getTime(),
    action: 'see License Management',
  });
  if (!scope.ok) return scope;
  const after = afterMachineCursor(q.after);
  if (!after.ok) return after;
  const ids = sql.join([...scope.value.lineIds]);
  const { holder, subtree } = scope.value;
  // A sub-organization drawing on an ancestor's lines sees the machines its members use (R13, R15).
  const members =
    subtree === null
      ? null
      : sql`(select mm.user_id from memberships mm where mm.org_id in (${sql.join(subtree)}))`;
  const byActivation = members === null ? sql`` : sql`and a.user_id in ${members}`;
  const byFile =
    members === null || subtree === null
      ? sql``
      : sql`and (o.org_id in (${sql.join(subtree)}) or o.user_id in ${members})`;
  const online = (ref: RawBuilder<unknown>) =>
    sql`exists (select 1 from activations a where a.machine_ref = ${ref}
      and a.subscription_id in (${ids}) and a.deactivated_at is null ${byActivation})`;
  const bound = (machineId: RawBuilder<unknown>) =>
    sql`exists (select 1 from offline_licenses o where o.machine_id = ${machineId}
      and o.subscription_id in (${ids}) and o.expires_at > ${now} ${byFile})`;
  const search = await machineSearch(ctx.db, holder.id, scope.value.lineIds, q.query);
  const { machineMatch, offlineMatch } = search;
  const m = { id: sql.raw('m.id') };
  const branches = [
    sql`select m.id as ref, m.machine_id, m.virtualization, m.first_seen_at, m.last_seen_at from machines m
      where m.org_id = ${holder.id} and ${machineMatch} and ${online(m.id)}`,
    sql`select m.id as ref, m.machine_id, m.virtualization, m.first_seen_at, m.last_seen_at from machines m
      where m.org_id = ${holder.id} and ${machineMatch} and not ${online(m.id)}
        and m.machine_id in (select o.machine_id from offline_licenses o
          where o.subscription_id in (${ids}) and o.expires_at > ${now} ${byFile})`,
    sql`select null::uuid as ref, o.machine_id, 'unknown' as virtualization, min(o.created_at) as first_seen_at,
        max(o.created_at) as last_seen_at
      from offline_licenses o
      where o.subscription_id in (${ids}) and o.expires_at > ${now} and ${offlineMatch} ${byFile}
        and not exists (select 1 from machines m where m.org_id = ${holder.id} and m.machine_id = o.machine_id)
      group by o.machine_id`,
  ];
  const order = sql`order by last_seen_at desc, machine_id`;
  const upTo = q.offset + q.limit;
  const page = sql.join(
    branches.map(
      (b) =>
        sql`(select * from (${b}) b where ${after.value} and ${seenAtOrBefore(q.seenAtOrBefore)} ${order} limit ${upTo})`,
    ),
    sql` union all `,
  );
  const rowsQuery = sql<MachineRow>`
    select p.machine_id, p.virtualization, p.first_seen_at, p.last_seen_at, p.last_seen_at::text as seen,
      ${online(sql.raw('p.ref'))} as online, ${bound(sql.raw('p.machine_id'))} as offline,
      coalesce(
        (select u.email from activations a join users u on u.id = a.user_id
          where a.machine_ref = p.ref and a.subscription_id in (${ids}) and a.deactivated_at is null
          order by a.created_at desc limit 1),
        (select u.email from offline_licenses o join users u on u.id = o.user_id
          where o.machine_id = p.machine_id and o.subscription_id in (${ids})
          order by o.created_at desc limit 1)) as email,
      s.id as session_id, s.started_at as session_started
    from (select * from (${page}) u ${order} offset ${q.offset} limit ${q.limit}) p
    left join lateral (
      select s.id, s.started_at from sessions s
      where s.machine_ref = p.ref and s.subscription_id in (${ids}) and s.ended_at is null
      order by s.started_at desc limit 1) s on true
    order by p.last_seen_at desc, p.machine_id`.execute(ctx.db);
  // Unfiltered, the online branch is every machine with a live activation of the lines (they are all
  // machines of this organization): one line reads its trigger-kept count (live_machine_counts, exact),
  // several lines (rare: overlapping contracts) count distinct machines across them.
  const [onlyLine, ...moreLines] = scope.value.lineIds;
  const onlineCount =
    search.filtered || subtree !== null
      ? sql`(select count(*) from (${branches[0]}) b)`
      : moreLines.length === 0
        ? sql`coalesce((select c.machines from live_machine_counts c where c.subscription_id = ${onlyLine}), 0)`
        : sql`(select count(*) from (select 1 from activations a
          where a.subscription_id in (${ids}) and a.deactivated_at is null group by a.machine_ref) x)`;
  const countQuery = sql<{ n: number }>`select (${onlineCount}
    + (select count(*) from (${branches[1]}) b) + (select count(*) from (${branches[2]}) b))::int as n`.execute(
    ctx.db,
  );
  const [rows, total] = await Promise.all([rowsQuery, countQuery]);
  const last = rows.rows.at(-1);
  return ok({
    total: total.rows[0]?.n ?? 0,
    next:
      last !== undefined && rows.rows.length === q.limit
        ? encodeMachineCursor({ seen: last.seen, machineId: last.machine_id })
        : null,
    items: rows.rows.map((r) => ({
      machineId: r.machine_id,
      virtualization: VirtualizationSchema.catch('unknown').parse(r.virtualization),
      userEmail: r.email,
      online: r.online,
      offline: r.offline,
      activeSession:
        r.session_id !== null && r.session_started !== null
          ? { sessionId: r.session_id, startedAt: new Date(r.session_started).toISOString() }
          : null,
      firstSeenAt: new Date(r.first_seen_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
    })),
  });
}
