import { sql, type ExpressionBuilder } from 'kysely';
import type { Done, MachinesPage } from '../../../shared/contracts/http/admin-licenses';
import { VirtualizationSchema } from '../../../shared/contracts/http/common';
import { decideRemoval } from '../../../shared/domain/transfer-removal';
import { ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { transact } from '../../db/transact';
import { audit } from '../audit';
import type { LicensingContext } from '../context';
import { findMachine } from '../machines';
import { endSessions } from '../session-store';
import { productScope } from './access';
import type { TableQuery } from './license-tables';

type Eb = ExpressionBuilder<Database & { m: Database['machines'] }, 'm'>;

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Registered Machines (R16, R21): machines with a live activation or an unexpired offline license. */
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
  const ids = [...scope.value.lineIds];
  const online = (eb: Eb) =>
    eb.exists(
      eb
        .selectFrom('activations as a')
        .select('a.id')
        .whereRef('a.machine_ref', '=', 'm.id')
        .where('a.subscription_id', 'in', ids)
        .where('a.deactivated_at', 'is', null),
    );
  const offline = (eb: Eb) =>
    eb.exists(
      eb
        .selectFrom('offline_licenses as o')
        .select('o.id')
        .whereRef('o.machine_id', '=', 'm.machine_id')
        .where('o.subscription_id', 'in', ids)
        .where('o.expires_at', '>', now),
    );
  const email = (eb: Eb) =>
    eb
      .selectFrom('activations as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('u.email')
      .whereRef('a.machine_ref', '=', 'm.id')
      .where('a.subscription_id', 'in', ids)
      .orderBy('a.deactivated_at', sql`desc nulls first`)
      .orderBy('a.created_at', 'desc')
      .limit(1);
  const live = (eb: Eb) =>
    eb
      .selectFrom('sessions as s')
      .whereRef('s.machine_ref', '=', 'm.id')
      .where('s.subscription_id', 'in', ids)
      .where('s.ended_at', 'is', null)
      .orderBy('s.started_at', 'desc')
      .limit(1);
  let base = ctx.db
    .selectFrom('machines as m')
    .where('m.org_id', '=', q.orgId)
    .where((eb) => eb.or([online(eb), offline(eb)]));
  if (q.query !== undefined && q.query.trim() !== '') {
    const pattern = likePattern(q.query.trim());
    base = base.where((eb) => eb.or([eb('m.machine_id', 'ilike', pattern), eb(email(eb), 'ilike', pattern)]));
  }
  const rows = await base
    .select((eb) => [
      'm.machine_id',
      'm.virtualization',
      'm.first_seen_at',
      'm.last_seen_at',
      online(eb).as('online'),
      offline(eb).as('offline'),
      email(eb).as('email'),
      live(eb).select('s.id').as('session_id'),
      live(eb).select('s.started_at').as('session_started'),
    ])
    .orderBy('m.last_seen_at', 'desc')
    .orderBy('m.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return ok({
    total: total.n,
    items: rows.map((r) => ({
      machineId: r.machine_id,
      virtualization: VirtualizationSchema.catch('unknown').parse(r.virtualization),
      userEmail: r.email ?? null,
      online: Boolean(r.online),
      offline: Boolean(r.offline),
      activeSession:
        r.session_id && r.session_started
          ? { sessionId: r.session_id, startedAt: new Date(r.session_started).toISOString() }
          : null,
      firstSeenAt: r.first_seen_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
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
    const offline = machine
      ? await trx
          .selectFrom('offline_licenses')
          .select('id')
          .where('subscription_id', 'in', ids)
          .where('machine_id', '=', machine.machineId)
          .where('expires_at', '>', new Date(now))
          .executeTakeFirst()
      : undefined;
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
