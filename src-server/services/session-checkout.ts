import type { SessionCheckoutRequest, SessionCheckoutResponse } from '../../shared/contracts/http/sessions';
import { fail, ok, type Result } from '../../shared/result';
import { transact } from '../db/transact';
import { audit } from './audit';
import type { LicensingContext } from './context';
import { findMachine } from './machines';
import { planCheckout } from './checkout-rules';
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
