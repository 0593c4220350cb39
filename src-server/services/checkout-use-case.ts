import type { SessionCheckoutRequest, SessionCheckoutResponse } from '../../shared/contracts/http/sessions';
import { fail, ok, type Result } from '../../shared/result';
import { audit } from '../repositories/audit';
import type { LicensingContext } from './context';
import { explainRemoval } from './removal-explain';
import { inLockedSubscription } from './locked-work';
import { findMachine } from '../repositories/machines';
import { planCheckout } from './checkout-rules';
import { endSessions, openOrResumeSession, sessionInfo } from '../repositories/session-store';

/** POST /v1/sessions: the machine must be activated; the model's rule decides (R21, R26, R19, R25). */
export async function checkout(
  ctx: LicensingContext,
  userId: string,
  req: SessionCheckoutRequest,
): Promise<Result<SessionCheckoutResponse>> {
  const ttl = ctx.config.sessionTtlSeconds;
  const result = await inLockedSubscription(
    ctx,
    { userId, productId: req.productId, orgId: req.organizationId, consumer: { userId } },
    async (trx, sub, now) => {
      const machine = await findMachine(trx, sub.orgId, req.machineId);
      const activation = machine
        ? await trx
            .selectFrom('activations')
            .select('id')
            .where('subscription_id', '=', sub.id)
            .where('machine_ref', '=', machine.ref)
            .where('user_id', '=', userId)
            .where('deactivated_at', 'is', null)
            .executeTakeFirst()
        : undefined;
      if (machine === undefined || activation === undefined) {
        return fail(
          'UNKNOWN_MACHINE',
          `Machine ${req.machineId} is not activated for ${sub.product.name}; activate it first.`,
        );
      }
      const plan = await planCheckout({
        trx,
        sub,
        machine,
        userId,
        now,
        ttlSeconds: ttl,
        applicationId: req.applicationId,
      });
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
          .values({ subscription_id: sub.id, slot: plan.value.addSlotMachine, machine_ref: machine.ref })
          .execute();
      }
      const row = await openOrResumeSession(trx, {
        subscriptionId: sub.id,
        machineRef: machine.ref,
        userId,
        now,
        resumeId: plan.value.resumeSessionId,
        slot: plan.value.slot,
        applicationId: plan.value.applicationId,
      });
      const where = {
        productId: sub.product.id,
        organizationId: sub.orgId,
        machineId: machine.machineId,
      };
      await audit(trx, {
        action: row.resumed ? 'session.resumed' : 'session.started',
        actorUserId: userId,
        orgId: sub.orgId,
        productId: sub.product.id,
        machineId: machine.machineId,
        details: {
          sessionId: row.id,
          ...(plan.value.applicationId !== null ? { applicationId: plan.value.applicationId } : {}),
        },
      });
      return ok({ session: sessionInfo(row, where, ttl), endedSessions: plan.value.endSessions });
    },
  );
  return result.ok
    ? result
    : explainRemoval(ctx.db, { userId, productId: req.productId, machineId: req.machineId }, result);
}
