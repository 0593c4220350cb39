import type { z } from 'zod';
import type { HeartbeatResponse } from '../../shared/contracts/http/sessions';
import { isRemovalCode, removalSentence } from '../../shared/domain/removal';
import { fail, ok, type Result } from '../../shared/result';
import { transact } from '../db/transact';
import { drawnLines, membersOfOrgs, subtreeOf } from './admin/access';
import type { LicensingContext } from './context';
import { hasTimedOut } from '../repositories/session-liveness';
import { refreshLiveSessionBatched } from '../repositories/session-refresh';
import { endSessions, sessionInfo } from '../repositories/session-store';

type Heartbeat = z.infer<typeof HeartbeatResponse>;

/** Loads a session of the caller with what a response needs. */
async function ownSession(ctx: LicensingContext, userId: string, sessionId: string) {
  return ctx.db
    .selectFrom('sessions as s')
    .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
    .innerJoin('machines as m', 'm.id', 's.machine_ref')
    .select([
      's.id',
      's.user_id',
      's.started_at',
      's.heartbeat_at',
      's.ended_at',
      's.end_reason',
      's.end_code',
      'sub.product_id',
      'sub.org_id',
      'm.machine_id',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** POST /v1/sessions/{id}/heartbeat: keeps a live session; an ended or timed-out one is refused with its reason (a removal with its code, R23). */
export async function heartbeat(
  ctx: LicensingContext,
  userId: string,
  sessionId: string,
): Promise<Result<Heartbeat>> {
  const now = ctx.now();
  const ttl = ctx.config.sessionTtlSeconds;
  const fresh = await refreshLiveSessionBatched(ctx.db, { userId, sessionId, now, ttlSeconds: ttl });
  if (fresh !== undefined) {
    const where = { productId: fresh.product_id, organizationId: fresh.org_id, machineId: fresh.machine_id };
    return ok({ session: sessionInfo(fresh, where, ttl) });
  }
  const s = await ownSession(ctx, userId, sessionId);
  if (s === undefined || s.user_id !== userId)
    return fail('SESSION_NOT_FOUND', 'There is no such session of yours; check out a new one.');
  if (s.ended_at === null && hasTimedOut(s.heartbeat_at, now, ttl)) {
    await transact(ctx.db, async (trx) =>
      ok(
        await endSessions(trx, [s.id], 'No heartbeat arrived in time; the license was freed.', now, {
          actorUserId: null,
          action: 'session.culled',
        }),
      ),
    );
    return fail(
      'SESSION_ENDED',
      'This session ended: no heartbeat arrived in time; the license was freed. Check out a new one.',
    );
  }
  if (s.ended_at !== null && isRemovalCode(s.end_code))
    return fail(s.end_code, `This session ended: ${s.end_reason ?? removalSentence(s.end_code)}`, {
      reason: s.end_reason,
    });
  if (s.ended_at !== null)
    return fail('SESSION_ENDED', `This session ended: ${s.end_reason ?? 'no reason recorded'}`, {
      reason: s.end_reason,
    });
  const row = await ctx.db
    .updateTable('sessions')
    .set({ heartbeat_at: new Date(now) })
    .where('id', '=', s.id)
    .where('ended_at', 'is', null)
    .returning(['id', 'started_at', 'heartbeat_at'])
    .executeTakeFirst();
  if (row === undefined) return fail('SESSION_ENDED', 'This session just ended; check out a new one.');
  return ok({
    session: sessionInfo(
      row,
      { productId: s.product_id, organizationId: s.org_id, machineId: s.machine_id },
      ttl,
    ),
  });
}

/**
 * R13/R15: an organization's admin force-releases a session of its own lines, or — when it draws on an
 * ancestor's lines — a session of one of its subtree's members on them (never a parent's or sibling's).
 */
async function withinOrg(
  ctx: LicensingContext,
  s: { org_id: string; product_id: string; user_id: string },
  orgId: string,
): Promise<boolean> {
  if (s.org_id === orgId) return true;
  const drawn = await drawnLines(ctx.db, orgId, s.product_id, ctx.now());
  if (drawn.holder?.id !== s.org_id) return false;
  const member = await membersOfOrgs(ctx.db, await subtreeOf(ctx.db, orgId))
    .where('user_id', '=', s.user_id)
    .executeTakeFirst();
  return member !== undefined;
}

/** DELETE /v1/sessions/{id}: the caller releases their own session, freeing its license (R22). */
export async function release(
  ctx: LicensingContext,
  userId: string,
  sessionId: string,
  asAdminOfOrg?: string,
): Promise<Result<{ released: boolean; endReason: string }>> {
  const s = await ownSession(ctx, userId, sessionId);
  const allowed =
    s !== undefined &&
    (asAdminOfOrg !== undefined ? await withinOrg(ctx, s, asAdminOfOrg) : s.user_id === userId);
  if (!allowed) return fail('SESSION_NOT_FOUND', 'There is no such session.');
  const reason = asAdminOfOrg !== undefined ? 'Released by an Owner or Admin.' : 'Released by the user.';
  if (s.ended_at !== null) return ok({ released: false, endReason: s.end_reason ?? reason });
  return transact(ctx.db, async (trx) => {
    const n = await endSessions(trx, [s.id], reason, ctx.now(), {
      actorUserId: userId,
      action: asAdminOfOrg ? 'session.force-released' : 'session.released',
    });
    return ok({ released: n > 0, endReason: reason });
  });
}
