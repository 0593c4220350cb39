import type {
  HeartbeatResponse,
  SessionCheckoutRequest,
  SessionCheckoutResponse,
} from '../../shared/contracts/http/sessions';
import type { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { findMachine } from './machines';
import { planCheckout } from './checkout-rules';
import { refreshLiveSession } from './session-refresh';
import { endSessions, openOrResumeSession, sessionInfo } from './session-store';
import { lockSubscription } from './subscriptions';

/** POST /v1/sessions: the machine must be activated; the model's rule decides (R21, R26, R19, R25). */
export async function checkout(
  ctx: LicensingContext,
  userId: string,
  req: SessionCheckoutRequest,
): Promise<Result<SessionCheckoutResponse>> {
  const now = ctx.now();
  const ttl = ctx.config.sessionTtlSeconds;
  return transact(ctx.db, async (trx) => {
    const sub = await lockSubscription(trx, {
      userId,
      productId: req.productId,
      orgId: req.organizationId,
      now,
      catalog: ctx.catalog,
    });
    if (!sub.ok) return sub;
    const machine = await findMachine(trx, sub.value.orgId, req.machineId);
    const activation = machine
      ? await trx
          .selectFrom('activations')
          .select('id')
          .where('subscription_id', '=', sub.value.id)
          .where('machine_ref', '=', machine.ref)
          .where('user_id', '=', userId)
          .where('deactivated_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (machine === undefined || activation === undefined) {
      return fail(
        'UNKNOWN_MACHINE',
        `Machine ${req.machineId} is not activated for ${sub.value.product.name}; activate it first.`,
      );
    }
    const plan = await planCheckout({ trx, sub: sub.value, machine, userId, now, ttlSeconds: ttl });
    if (!plan.ok) return plan;
    for (const ended of plan.value.endSessions) {
      await endSessions(trx, [ended.sessionId], ended.reason, now, {
        actorUserId: userId,
        action: 'session.ended',
      });
    }
    if (plan.value.addSlotMachine !== null) {
      await trx
        .insertInto('floating_slots')
        .values({ subscription_id: sub.value.id, slot: plan.value.addSlotMachine, machine_ref: machine.ref })
        .execute();
    }
    const row = await openOrResumeSession(trx, {
      subscriptionId: sub.value.id,
      machineRef: machine.ref,
      userId,
      now,
      resumeId: plan.value.resumeSessionId,
      slot: plan.value.slot,
    });
    const where = {
      productId: sub.value.product.id,
      organizationId: sub.value.orgId,
      machineId: machine.machineId,
    };
    await audit(trx, {
      action: row.resumed ? 'session.resumed' : 'session.started',
      actorUserId: userId,
      orgId: sub.value.orgId,
      productId: sub.value.product.id,
      machineId: machine.machineId,
      details: { sessionId: row.id },
    });
    return ok({ session: sessionInfo(row, where, ttl), endedSessions: plan.value.endSessions });
  });
}

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
      'sub.product_id',
      'sub.org_id',
      'm.machine_id',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** POST /v1/sessions/{id}/heartbeat: keeps a live session; an ended or timed-out one is refused with its reason. */
export async function heartbeat(
  ctx: LicensingContext,
  userId: string,
  sessionId: string,
): Promise<Result<Heartbeat>> {
  const now = ctx.now();
  const ttl = ctx.config.sessionTtlSeconds;
  const fresh = await refreshLiveSession(ctx.db, { userId, sessionId, now, ttlSeconds: ttl });
  if (fresh !== undefined) {
    const where = { productId: fresh.product_id, organizationId: fresh.org_id, machineId: fresh.machine_id };
    return ok({ session: sessionInfo(fresh, where, ttl) });
  }
  const s = await ownSession(ctx, userId, sessionId);
  if (s === undefined || s.user_id !== userId)
    return fail('SESSION_NOT_FOUND', 'There is no such session of yours; check out a new one.');
  if (s.ended_at === null && s.heartbeat_at.getTime() + ttl * 1000 <= now) {
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

/** DELETE /v1/sessions/{id}: the caller releases their own session, freeing its license (R22). */
export async function release(
  ctx: LicensingContext,
  userId: string,
  sessionId: string,
  asAdminOfOrg?: string,
): Promise<Result<{ released: boolean; endReason: string }>> {
  const s = await ownSession(ctx, userId, sessionId);
  const allowed =
    s !== undefined && (asAdminOfOrg !== undefined ? s.org_id === asAdminOfOrg : s.user_id === userId);
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
