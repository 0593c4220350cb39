import type { Transaction } from 'kysely';
import { removalSentence, type RemovalCode } from '../../shared/domain/removal';
import type { Database } from '../db/schema';
import { endSessions } from './session-store';

type Trx = Transaction<Database>;

/** Whose use ends: lines (all when omitted), optionally one user and/or one machine. */
export interface UseScope {
  readonly subscriptionIds?: readonly string[];
  readonly userId?: string;
  readonly machineRef?: string;
  /** false keeps the activations (a revoked key ends sessions; the machines stay registered). */
  readonly deactivate?: boolean;
}

/**
 * R23 "removal ends use", in the removing transaction: deactivates the activations and ends the
 * live sessions in scope, stamping the removal code the next heartbeat or lease refresh is refused with.
 */
export async function endUse(
  trx: Trx,
  scope: UseScope,
  code: RemovalCode,
  now: number,
  actorUserId: string | null,
): Promise<{ activations: number; sessions: number }> {
  if (scope.subscriptionIds !== undefined && scope.subscriptionIds.length === 0)
    return { activations: 0, sessions: 0 };
  let activations = 0;
  if (scope.deactivate !== false) {
    let update = trx
      .updateTable('activations')
      .set({ deactivated_at: new Date(now), end_code: code })
      .where('deactivated_at', 'is', null);
    if (scope.subscriptionIds) update = update.where('subscription_id', 'in', scope.subscriptionIds);
    if (scope.userId) update = update.where('user_id', '=', scope.userId);
    if (scope.machineRef) update = update.where('machine_ref', '=', scope.machineRef);
    activations = (await update.returning('id').execute()).length;
  }
  let live = trx.selectFrom('sessions').select('id').where('ended_at', 'is', null);
  if (scope.subscriptionIds) live = live.where('subscription_id', 'in', scope.subscriptionIds);
  if (scope.userId) live = live.where('user_id', '=', scope.userId);
  if (scope.machineRef) live = live.where('machine_ref', '=', scope.machineRef);
  const ids = (await live.execute()).map((s) => s.id);
  const sessions = await endSessions(trx, ids, removalSentence(code), now, {
    actorUserId,
    action: 'session.ended',
    code,
  });
  return { activations, sessions };
}
