import type { Transaction } from 'kysely';
import type { RenewalPlan } from '../../../shared/migration/renewal-plan-types';
import type { Database } from '../../db/schema';
import type { GatheredFacts } from './renewal-facts';

/** The reason a session shows when a renewal converted its license model. */
export const MIGRATED_SESSION_REASON = 'The license model was migrated; activate again.';

/** Writes the per-User licenses of the new term on a line (R28 grants). */
async function grantSeats(trx: Transaction<Database>, lineId: string, plan: RenewalPlan): Promise<void> {
  if (plan.grants.length === 0) return;
  await trx
    .insertInto('seat_assignments')
    .values(plan.grants.map((g) => ({ subscription_id: lineId, user_id: g.userId })))
    .execute();
}

/** Old lines end: replaced by the first new line, their machines deactivated and sessions ended at `at`. */
async function retireLines(
  trx: Transaction<Database>,
  ids: string[],
  by: string | null,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('subscriptions').set({ replaced_by: by }).where('id', 'in', ids).execute();
  await trx
    .updateTable('activations')
    .set({ deactivated_at: at })
    .where('subscription_id', 'in', ids)
    .where('deactivated_at', 'is', null)
    .execute();
  await trx
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: MIGRATED_SESSION_REASON })
    .where('subscription_id', 'in', ids)
    .where('ended_at', 'is', null)
    .execute();
}

/**
 * Executes a renewal plan exactly as planned: extended lines get the new end and count (released
 * holders lose their seat), new lines are inserted with their R28 grants, retired lines are replaced.
 * Returns the ids of the lines that carry the new term.
 */
export async function applyRenewalPlan(
  trx: Transaction<Database>,
  gathered: GatheredFacts,
  plan: RenewalPlan,
): Promise<string[]> {
  const ids: string[] = [];
  const allOld = gathered.facts.lines.map((l) => l.id);
  if (plan.released.length > 0)
    await trx
      .deleteFrom('seat_assignments')
      .where('subscription_id', 'in', allOld)
      .where(
        'user_id',
        'in',
        plan.released.map((r) => r.userId),
      )
      .execute();
  for (const line of plan.lines) {
    if (line.mode === 'extend') {
      const [id] = line.sourceIds;
      if (id === undefined) continue;
      await trx
        .updateTable('subscriptions')
        .set({ ends_at: new Date(line.endsAt), quota: line.count })
        .where('id', '=', id)
        .execute();
      ids.push(id);
      continue;
    }
    const row = await trx
      .insertInto('subscriptions')
      .values({
        org_id: gathered.orgId,
        product_id: gathered.productId,
        license_kind: line.kind,
        quota: line.count,
        machine_quota: gathered.machineQuota,
        billing_cycle: gathered.facts.billingCycle,
        starts_at: new Date(line.startsAt),
        ends_at: new Date(line.endsAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    if (line.kind === 'per-user') await grantSeats(trx, row.id, plan);
  }
  if (plan.retire !== null)
    await retireLines(trx, [...plan.retire.ids], ids[0] ?? null, new Date(plan.retire.at));
  return ids;
}
