import type { Done } from '../../../shared/contracts/http/admin-licenses';
import { decideRemoval } from '../../../shared/domain/transfer-removal';
import { ok, type Result } from '../../../shared/result';
import { transact } from '../../db/transact';
import { audit } from '../../repositories/audit';
import type { LicensingContext } from '../context';
import { canonicalMachineId, findMachine } from '../../repositories/machines';
import { endUse } from '../../repositories/end-use';
import { productScope } from './access';

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
    const ended = await endUse(
      trx,
      { subscriptionIds: ids, machineRef: machine.ref },
      'MACHINE_REMOVED',
      now,
      q.userId,
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
      details: { activations: ended.activations, sessions: ended.sessions },
    });
    return ok({ done: true });
  });
}
