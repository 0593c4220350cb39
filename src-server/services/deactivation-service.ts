import type { DeactivationResponse } from '../../shared/contracts/http/activations';
import { ok, type Result } from '../../shared/result';
import { audit } from '../repositories/audit';
import type { LicensingContext } from './context';
import { inLockedSubscription } from './locked-work';
import { findMachine } from '../repositories/machines';
import { endSessions } from '../repositories/session-store';

/** DELETE /v1/activations/{machineId}: frees the machine's reservation (R22) and ends its sessions. */
export async function deactivate(
  ctx: LicensingContext,
  userId: string,
  q: { machineId: string; productId: string; organizationId?: string | undefined },
): Promise<Result<DeactivationResponse>> {
  return inLockedSubscription(
    ctx,
    { userId, productId: q.productId, orgId: q.organizationId },
    async (trx, sub, now) => {
      const machine = await findMachine(trx, sub.orgId, q.machineId);
      if (machine === undefined) return ok({ deactivated: false, endedSessions: 0 });
      const gone = await trx
        .updateTable('activations')
        .set({ deactivated_at: new Date(now) })
        .where('subscription_id', '=', sub.id)
        .where('machine_ref', '=', machine.ref)
        .where('user_id', '=', userId)
        .where('deactivated_at', 'is', null)
        .returning('id')
        .execute();
      const sessions = await trx
        .selectFrom('sessions')
        .select('id')
        .where('subscription_id', '=', sub.id)
        .where('machine_ref', '=', machine.ref)
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .execute();
      const ended = await endSessions(
        trx,
        sessions.map((s) => s.id),
        'The machine was deactivated.',
        now,
        { actorUserId: userId, action: 'session.ended' },
      );
      await trx
        .deleteFrom('floating_slots')
        .where('subscription_id', '=', sub.id)
        .where('machine_ref', '=', machine.ref)
        .execute();
      if (gone.length > 0) {
        await audit(trx, {
          action: 'activation.deactivated',
          actorUserId: userId,
          orgId: sub.orgId,
          productId: sub.product.id,
          machineId: machine.machineId,
        });
      }
      return ok({ deactivated: gone.length > 0, endedSessions: ended });
    },
  );
}
