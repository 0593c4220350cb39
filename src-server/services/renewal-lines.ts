import type { Transaction } from 'kysely';
import type { MigrationPlan } from '../../shared/migration/plan-migration';
import type { Database } from '../db/schema';
import type { RenewalRequest } from './renewal-service';

/** R30 "keep": the same lines (kinds, seats, machines) simply run until the new end. */
export async function extendLines(
  trx: Transaction<Database>,
  ids: string[],
  endsAt: Date,
): Promise<string[]> {
  await trx.updateTable('subscriptions').set({ ends_at: endsAt }).where('id', 'in', ids).execute();
  return ids;
}

/** The columns of a retiring line that the replacement copies. */
export interface Line {
  readonly id: string;
  readonly org_id: string;
  readonly product_id: string;
  readonly machine_quota: number;
  readonly billing_cycle: Database['subscriptions']['billing_cycle'];
}

/** R28/R29 "convert": new lines with the converted counts and per-User grants; old lines retire, their sessions end. */
export async function replaceLines(
  trx: Transaction<Database>,
  lines: readonly Line[],
  plan: Extract<MigrationPlan, { action: 'convert' }>,
  req: RenewalRequest,
): Promise<string[]> {
  const first = lines[0];
  if (first === undefined) return [];
  const machineQuota = lines.reduce((sum, l) => sum + l.machine_quota, 0);
  const ids: string[] = [];
  for (const holding of plan.holdings) {
    const row = await trx
      .insertInto('subscriptions')
      .values({
        org_id: first.org_id,
        product_id: first.product_id,
        license_kind: holding.kind,
        quota: holding.count,
        machine_quota: machineQuota,
        billing_cycle: first.billing_cycle,
        starts_at: new Date(req.at),
        ends_at: req.endsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    if (holding.kind === 'per-user' && plan.grants.length > 0) {
      await trx
        .insertInto('seat_assignments')
        .values(plan.grants.map((g) => ({ subscription_id: row.id, user_id: g.userId })))
        .execute();
    }
  }
  const old = lines.map((l) => l.id);
  await trx
    .updateTable('subscriptions')
    .set({ replaced_by: ids[0] ?? null })
    .where('id', 'in', old)
    .execute();
  await trx
    .updateTable('activations')
    .set({ deactivated_at: new Date(req.at) })
    .where('subscription_id', 'in', old)
    .where('deactivated_at', 'is', null)
    .execute();
  await trx
    .updateTable('sessions')
    .set({ ended_at: new Date(req.at), end_reason: 'The license model was migrated; activate again.' })
    .where('subscription_id', 'in', old)
    .where('ended_at', 'is', null)
    .execute();
  return ids;
}
