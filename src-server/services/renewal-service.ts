import type { Kysely } from 'kysely';
import type { Catalog } from '../../shared/catalog/product';
import type { MigrationTrigger } from '../../shared/migration/migration-timing';
import { isErrorCode } from '../../shared/error-codes';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { scheduleRenewal } from './renewals/renewal-orders';
import { runOrder, type OrderRun } from './renewals/run-renewal-order';

/** A renewal dated `at`: which subscription, until when, an optional new count, renewal or request (R28). */
export interface RenewalRequest {
  readonly subscriptionId: string;
  readonly endsAt: Date;
  readonly trigger: MigrationTrigger;
  readonly at: number;
  readonly quantity?: number | null;
  readonly source?: 'operator' | 'admin';
}

/** The applied renewal: the plan (fresh, or the stored one when this term was applied before). */
export type RenewalOutcome = Extract<OrderRun, { status: 'applied' }>;

/**
 * Renews now (R28–R30): stores the order for this subscription and term (once) and applies it dated
 * `at`. A retry of an applied term changes nothing and returns the stored plan.
 */
export async function renewSubscription(
  db: Kysely<Database>,
  catalog: Catalog,
  req: RenewalRequest,
): Promise<Result<RenewalOutcome>> {
  const scheduled = await scheduleRenewal(db, {
    subscriptionId: req.subscriptionId,
    endsAt: req.endsAt,
    quantity: req.quantity ?? null,
    dueAt: new Date(req.at),
    trigger: req.trigger,
    source: req.source ?? 'operator',
  });
  if (!scheduled.ok) return scheduled;
  const run = await runOrder(db, catalog, scheduled.value.order.id, req.at);
  if (!run.ok) return run;
  if (run.value.status === 'failed')
    return fail(isErrorCode(run.value.code) ? run.value.code : 'CONFLICT', run.value.message);
  return ok(run.value);
}
