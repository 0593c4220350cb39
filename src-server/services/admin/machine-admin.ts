import { sql } from 'kysely';
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
  const text = q.query?.trim() ?? '';
  const filter =
    text === ''
      ? sql`true`
      : sql`(r.machine_id ilike ${likePattern(text)} or r.email ilike ${likePattern(text)})`;
  const registered = sql`
    with live as (
      select a.machine_ref, max(u.email) as email from activations a join users u on u.id = a.user_id
      where a.subscription_id in (${ids}) and a.deactivated_at is null group by a.machine_ref
    ), bound as (
      select o.machine_id, max(u.email) as email, min(o.created_at) as first_at, max(o.created_at) as last_at
      from offline_licenses o left join users u on u.id = o.user_id
      where o.subscription_id in (${ids}) and o.expires_at > ${now} group by o.machine_id
    ), r as (
      select m.id as ref, m.machine_id, m.virtualization, m.first_seen_at, m.last_seen_at,
        live.machine_ref is not null as online, bound.machine_id is not null as offline,
        coalesce(live.email, bound.email) as email
      from machines m left join live on live.machine_ref = m.id
        left join bound on bound.machine_id = m.machine_id
      where m.org_id = ${q.orgId} and (live.machine_ref is not null or bound.machine_id is not null)
      union all
      select null, bound.machine_id, 'unknown', bound.first_at, bound.last_at, false, true, bound.email
      from bound where not exists (
        select 1 from machines m where m.org_id = ${q.orgId} and m.machine_id = bound.machine_id)
    )`;
  const rows = await sql<MachineRow>`${registered}
    select r.machine_id, r.virtualization, r.first_seen_at, r.last_seen_at, r.online, r.offline, r.email,
      s.id as session_id, s.started_at as session_started
    from r left join lateral (
      select s.id, s.started_at from sessions s
      where s.machine_ref = r.ref and s.subscription_id in (${ids}) and s.ended_at is null
      order by s.started_at desc limit 1) s on true
    where ${filter}
    order by r.last_seen_at desc, r.machine_id
    offset ${q.offset} limit ${q.limit}`.execute(ctx.db);
  const total = await sql<{
    n: number;
  }>`${registered} select count(*)::int as n from r where ${filter}`.execute(ctx.db);
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
