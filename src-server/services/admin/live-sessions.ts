import { sql } from 'kysely';
import type { LiveSessionsPage, LiveSessionsQuery } from '../../../shared/contracts/http/admin-people';
import { ok, type Result } from '../../../shared/result';
import { liveSession } from '../../repositories/session-liveness';
import type { LicensingContext } from '../context';
import { membersOfOrgs, productScope } from './access';
import { likePattern } from './like-pattern';

/**
 * Live Sessions (R19, R21): the product's sessions running now (the one liveness rule), newest first,
 * optionally one user's, one machine's, or those whose user name, e-mail or machine ID contain `query`.
 * The admin console force-releases from here per session, per user or per machine.
 */
export async function liveSessionsPage(
  ctx: LicensingContext,
  caller: { userId: string; orgId: string; productId: string },
  q: LiveSessionsQuery,
): Promise<Result<LiveSessionsPage>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...caller, now, action: 'see License Management' });
  if (!scope.ok) return scope;
  let base = ctx.db
    .selectFrom('sessions as s')
    .innerJoin('machines as m', 'm.id', 's.machine_ref')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .where('s.subscription_id', 'in', [...scope.value.lineIds])
    .where(liveSession('s', now, ctx.config.sessionTtlSeconds));
  const { subtree } = scope.value;
  if (subtree !== null) base = base.where('s.user_id', 'in', membersOfOrgs(ctx.db, subtree));
  if (q.userId !== undefined) base = base.where('s.user_id', '=', q.userId);
  if (q.machineId !== undefined) base = base.where('m.machine_id', '=', q.machineId);
  const text = q.query?.trim() ?? '';
  if (text !== '') {
    const pattern = likePattern(text);
    base = base.where((eb) =>
      eb.or([
        eb('u.email', 'ilike', pattern),
        eb('u.name', 'ilike', pattern),
        eb('m.machine_id', 'ilike', pattern),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .select(['s.id', 's.user_id', 'u.email', 'u.name', 'm.machine_id', 's.started_at', 's.heartbeat_at'])
      .orderBy('s.started_at', 'desc')
      .orderBy('s.id')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return ok({
    total: total.n,
    items: rows.map((r) => ({
      sessionId: r.id,
      userId: r.user_id,
      userEmail: r.email,
      userName: r.name,
      machineId: r.machine_id,
      startedAt: new Date(r.started_at).toISOString(),
      lastHeartbeatAt: new Date(r.heartbeat_at).toISOString(),
    })),
  });
}
