import type { ActivationRequest, ActivationResponse } from '../../shared/contracts/http/activations';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { ok, type Result } from '../../shared/result';
import { planActivation } from './activation-rules';
import { audit } from '../repositories/audit';
import type { LicensingContext } from './context';
import { explainRemoval } from './removal-explain';
import { inLockedSubscription } from './locked-work';
import { upsertMachine } from '../repositories/machines';
import { endSessions, openOrResumeSession, sessionInfo } from '../repositories/session-store';
import { signFile } from './sign-file';

const DAY_MS = 86_400_000;

/**
 * POST /v1/activations: one transaction locks the subscription, registers the machine, applies the
 * model's rule, records the activation, signs a lease and audits it. Calling again refreshes (idempotent).
 */
export async function activate(
  ctx: LicensingContext,
  userId: string,
  req: ActivationRequest,
): Promise<Result<ActivationResponse>> {
  const ttl = ctx.config.sessionTtlSeconds;
  const result = await inLockedSubscription(
    ctx,
    { userId, productId: req.productId, orgId: req.organizationId, consumer: { userId } },
    async (trx, sub, now) => {
      const machine = await upsertMachine(trx, sub.orgId, req.machine);
      if (!machine.ok) return machine;
      const facts = {
        trx,
        sub,
        machine: machine.value,
        userId,
        now,
        ttlSeconds: ttl,
        transfer: req.transfer === true,
      };
      const plan = await planActivation(facts);
      if (!plan.ok) return plan;
      const { orgId, product } = sub;
      for (const ended of plan.value.endSessions) {
        await endSessions(trx, [ended.sessionId], ended.reason, now, {
          actorUserId: userId,
          action: 'session.ended',
        });
      }
      if (plan.value.deactivate.length > 0) {
        await trx
          .updateTable('activations')
          .set({ deactivated_at: new Date(now) })
          .where('id', 'in', plan.value.deactivate)
          .execute();
        await audit(trx, {
          action: 'activation.transferred',
          actorUserId: userId,
          orgId,
          productId: product.id,
          machineId: machine.value.machineId,
          details: { from: plan.value.deactivate },
        });
      }
      const leaseExpiresAt = Math.min(now + ctx.config.leaseDays * DAY_MS, sub.endsAt.getTime());
      const existing = await trx
        .selectFrom('activations')
        .select('id')
        .where('subscription_id', '=', sub.id)
        .where('machine_ref', '=', machine.value.ref)
        .where('user_id', '=', userId)
        .where('deactivated_at', 'is', null)
        .executeTakeFirst();
      const times = { refreshed_at: new Date(now), lease_expires_at: new Date(leaseExpiresAt) };
      const activationId = existing
        ? (
            await trx
              .updateTable('activations')
              .set(times)
              .where('id', '=', existing.id)
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : (
            await trx
              .insertInto('activations')
              .values({
                subscription_id: sub.id,
                machine_ref: machine.value.ref,
                user_id: userId,
                ...times,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
      const where = { productId: product.id, organizationId: orgId, machineId: machine.value.machineId };
      const session = plan.value.openSession
        ? sessionInfo(
            await openOrResumeSession(trx, {
              subscriptionId: sub.id,
              machineRef: machine.value.ref,
              userId,
              now,
              resumeId: plan.value.resumeSessionId,
            }),
            where,
            ttl,
          )
        : null;
      const licenseKind = LicenseKindSchema.parse(sub.kind);
      const lease = await signFile(trx, ctx.signer, {
        kind: 'lease',
        licenseId: activationId,
        productId: product.id,
        licenseKind,
        organizationId: orgId,
        organizationName: sub.orgName,
        userId,
        machineId: machine.value.machineId,
        now,
        expiresAt: leaseExpiresAt,
        subscriptionEndsAt: sub.endsAt.getTime(),
      });
      await audit(trx, {
        action: existing ? 'activation.refreshed' : 'activation.created',
        actorUserId: userId,
        orgId,
        productId: product.id,
        machineId: machine.value.machineId,
        details: { activationId, licenseKind, sessionId: session?.id ?? null },
      });
      return ok({
        activationId,
        organizationId: orgId,
        productId: product.id,
        licenseKind,
        machineId: machine.value.machineId,
        lease,
        leaseExpiresAt: new Date(leaseExpiresAt).toISOString(),
        session,
        endedSessions: plan.value.endSessions.map((e) => ({
          sessionId: e.sessionId,
          machineId: e.machineId,
          reason: e.reason,
        })),
      });
    },
  );
  return result.ok
    ? result
    : explainRemoval(ctx.db, { userId, productId: req.productId, machineId: req.machine.machineId }, result);
}
