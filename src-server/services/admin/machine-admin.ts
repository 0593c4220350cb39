import { sql, type RawBuilder } from 'kysely';
import type { Done, MachinesPage } from '../../../shared/contracts/http/admin-licenses';
import { VirtualizationSchema } from '../../../shared/contracts/http/common';
import { decideRemoval } from '../../../shared/domain/transfer-removal';
import { ok, type Result } from '../../../shared/result';
import { transact } from '../../db/transact';
import { audit } from '../audit';
import type { LicensingContext } from '../context';
import { canonicalMachineId, findMachine } from '../machines';
import { endSessions } from '../session-store';
import { productScope } from './access';
import type { TableQuery } from './license-tables';

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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
}

/**
 * Registered Machines (R16, R21): the union of machines with a live activation and machine IDs bound to
 * an unexpired offline license (which may never have contacted the server), filtered and paged in SQL.
 */
export async function machinesPage(
  ctx: LicensingContext,
  q: TableQuery & { query?: string | undefined },
): Promise<Result<MachinesPage>> {
  const now = new Date(ctx.now());
  const scope = await productScope(ctx.db, ctx.catalog, {
    ...q,
    now: now.getTime(),
    action: 'see License Management',
  });
  if (!scope.ok) return scope;
  const ids = sql.join([...scope.value.lineIds]);
  const online = (ref: RawBuilder<unknown>) =>
    sql`exists (select 1 from activations a where a.machine_ref = ${ref}
      and a.subscription_id in (${ids}) and a.deactivated_at is null)`;
  const bound = (machineId: RawBuilder<unknown>) =>
    sql`exists (select 1 from offline_licenses o where o.machine_id = ${machineId}
      and o.subscription_id in (${ids}) and o.expires_at > ${now})`;
  const text = q.query?.trim() ?? '';
  const pattern = likePattern(text);
  const machineMatch =
    text === ''
      ? sql`true`
      : sql`(m.machine_id ilike ${pattern} or m.id in (select a.machine_ref from activations a
          join users u on u.id = a.user_id where a.subscription_id in (${ids}) and u.email ilike ${pattern}))`;
  const offlineMatch =
    text === ''
      ? sql`true`
      : sql`(o.machine_id ilike ${pattern} or exists (select 1 from users u where u.id = o.user_id and u.email ilike ${pattern}))`;
  // Uncorrelated IN lists become hashed semi-joins (one pass each, and a cost estimate that does not
  // trigger JIT); per-row facts (email, session) are read for the page only.
  const candidates = sql`
    select m.id as ref, m.machine_id, m.virtualization, m.first_seen_at, m.last_seen_at
    from machines m
    where m.org_id = ${q.orgId} and ${machineMatch}
      and (m.id in (select a.machine_ref from activations a
             where a.subscription_id in (${ids}) and a.deactivated_at is null)
        or m.machine_id in (select o.machine_id from offline_licenses o
             where o.subscription_id in (${ids}) and o.expires_at > ${now}))
    union all
    select null::uuid, o.machine_id, 'unknown', min(o.created_at), max(o.created_at)
    from offline_licenses o
    where o.subscription_id in (${ids}) and o.expires_at > ${now} and ${offlineMatch}
      and not exists (select 1 from machines m where m.org_id = ${q.orgId} and m.machine_id = o.machine_id)
    group by o.machine_id`;
  const rowsQuery = sql<MachineRow>`
    select p.machine_id, p.virtualization, p.first_seen_at, p.last_seen_at,
      ${online(sql.raw('p.ref'))} as online, ${bound(sql.raw('p.machine_id'))} as offline,
      coalesce(
        (select u.email from activations a join users u on u.id = a.user_id
          where a.machine_ref = p.ref and a.subscription_id in (${ids})
          order by a.deactivated_at desc nulls first, a.created_at desc limit 1),
        (select u.email from offline_licenses o join users u on u.id = o.user_id
          where o.machine_id = p.machine_id and o.subscription_id in (${ids})
          order by o.created_at desc limit 1)) as email,
      s.id as session_id, s.started_at as session_started
    from (${candidates} order by last_seen_at desc, machine_id offset ${q.offset} limit ${q.limit}) p
    left join lateral (
      select s.id, s.started_at from sessions s
      where s.machine_ref = p.ref and s.subscription_id in (${ids}) and s.ended_at is null
      order by s.started_at desc limit 1) s on true
    order by p.last_seen_at desc, p.machine_id`.execute(ctx.db);
  const [rows, total] = await Promise.all([
    rowsQuery,
    sql<{ n: number }>`select count(*)::int as n from (${candidates}) c`.execute(ctx.db),
  ]);
  return ok({
    total: total.rows[0]?.n ?? 0,
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

/** R23: removing a machine ID frees its licenses of the product and ends its sessions; offline ones stay (R5). */
export async function removeMachine(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; productId: string; machineId: string },
): Promise<Result<Done>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'remove machines' });
  if (!scope.ok) return scope;
  const ids = [...scope.value.lineIds];
  return transact<Done>(ctx.db, async (trx) => {
    await trx.selectFrom('subscriptions').select('id').where('id', 'in', ids).forUpdate().execute();
    const machine = await findMachine(trx, q.orgId, q.machineId);
    const canonical = canonicalMachineId(q.machineId);
    const offline = await trx
      .selectFrom('offline_licenses')
      .select('id')
      .where('subscription_id', 'in', ids)
      .where('machine_id', '=', canonical.ok ? canonical.value : q.machineId)
      .where('expires_at', '>', new Date(now))
      .executeTakeFirst();
    const activations = machine
      ? await trx
          .selectFrom('activations')
          .select('id')
          .where('subscription_id', 'in', ids)
          .where('machine_ref', '=', machine.ref)
          .where('deactivated_at', 'is', null)
          .execute()
      : [];
    const decision = decideRemoval(scope.value.role, {
      kind: 'machine',
      registered: activations.length > 0,
      offline: offline !== undefined,
    });
    if (!decision.ok || machine === undefined) return decision.ok ? ok({ done: true }) : decision;
    await trx
      .updateTable('activations')
      .set({ deactivated_at: new Date(now) })
      .where(
        'id',
        'in',
        activations.map((a) => a.id),
      )
      .execute();
    const sessions = await trx
      .selectFrom('sessions')
      .select('id')
      .where('subscription_id', 'in', ids)
      .where('machine_ref', '=', machine.ref)
      .where('ended_at', 'is', null)
      .execute();
    await endSessions(
      trx,
      sessions.map((s) => s.id),
      'An Owner or Admin removed this machine ID from the organization.',
      now,
      { actorUserId: q.userId, action: 'session.ended' },
    );
    await trx
      .deleteFrom('floating_slots')
      .where('subscription_id', 'in', ids)
      .where('machine_ref', '=', machine.ref)
      .execute();
    await audit(trx, {
      action: 'machine.removed',
      actorUserId: q.userId,
      orgId: q.orgId,
      productId: q.productId,
      machineId: machine.machineId,
      reason: 'Removed in License Management.',
      details: { activations: activations.length, sessions: sessions.length },
    });
    return ok({ done: true });
  });
}
