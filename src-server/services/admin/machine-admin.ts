import type { Done } from '../../../shared/contracts/http/admin-licenses';
import { decideRemoval } from '../../../shared/domain/transfer-removal';
import { fail, ok, type Result } from '../../../shared/result';
import { transact } from '../../db/transact';
import { audit } from '../../repositories/audit';
import type { LicensingContext } from '../context';
import { canonicalMachineId, findMachine } from '../../repositories/machines';
import { endUse } from '../../repositories/end-use';
import { membersOfOrgs, productScope } from './access';

/**
 * R23: removing a machine ID frees its licenses of the product and ends its sessions; offline ones stay
 * (R5). Machines are registered at the subscription holder (R13); through a sub-organization only a
 * machine its members use is found, and one also used by others outside it is refused (R15).
 */
export async function removeMachine(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; productId: string; machineId: string },
): Promise<Result<Done>> {
  const now = ctx.now();
  const scope = await productScope(ctx.db, ctx.catalog, { ...q, now, action: 'remove machines' });
  if (!scope.ok) return scope;
  const ids = [...scope.value.lineIds];
  const { holder, subtree } = scope.value;
  return transact<Done>(ctx.db, async (trx) => {
    await trx.selectFrom('subscriptions').select('id').where('id', 'in', ids).forUpdate().execute();
    const machine = await findMachine(trx, holder.id, q.machineId);
    const canonical = canonicalMachineId(q.machineId);
    const machineId = canonical.ok ? canonical.value : q.machineId;
    let file = trx
      .selectFrom('offline_licenses')
      .select('id')
      .where('subscription_id', 'in', ids)
      .where('machine_id', '=', machineId)
      .where('expires_at', '>', new Date(now));
    if (subtree !== null)
      file = file.where((eb) =>
        eb.or([eb('org_id', 'in', subtree), eb('user_id', 'in', membersOfOrgs(trx, subtree))]),
      );
    const offline = await file.executeTakeFirst();
    const live = trx
      .selectFrom('activations')
      .select('id')
      .where('subscription_id', 'in', ids)
      .where('machine_ref', '=', machine?.ref ?? null)
      .where('deactivated_at', 'is', null);
    const all = machine ? await live.execute() : [];
    const activations =
      machine && subtree !== null
        ? await live.where('user_id', 'in', membersOfOrgs(trx, subtree)).execute()
        : all;
    if (activations.length > 0 && activations.length < all.length)
      return fail(
        'OTHER_ORGANIZATION',
        `This machine is also used by members outside this organization; remove it in the License Management of "${holder.name}".`,
      );
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
