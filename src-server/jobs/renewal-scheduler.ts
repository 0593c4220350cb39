import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Catalog } from '../../shared/catalog/product';
import { ok } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { runLockedOrder, type OrderRun } from '../services/renewals/run-renewal-order';

/** How many orders one tick applies at most, so a backlog cannot hold the process for long. */
const BATCH = 200;

/** Takes the next due scheduled order no other process holds (`SKIP LOCKED`) and applies it at its due instant. */
async function applyNextDue(db: Kysely<Database>, catalog: Catalog, now: number): Promise<OrderRun | null> {
  const result = await transact(db, async (trx) => {
    const order = await trx
      .selectFrom('renewal_orders')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('due_at', '<=', new Date(now))
      .orderBy('due_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (order === undefined) return ok(null);
    return ok(await runLockedOrder(trx, catalog, order, order.due_at.getTime()));
  });
  return result.ok ? result.value : null;
}

/**
 * Applies every renewal order due by `now`, each dated at its due instant (R28–R30). With several
 * server processes on PostgreSQL each order row is locked by exactly one of them; a refused plan
 * leaves the order `failed` with its code and sentence. Returns the runs of this tick.
 */
export async function applyDueRenewals(
  db: Kysely<Database>,
  catalog: Catalog,
  now: number,
): Promise<OrderRun[]> {
  const runs: OrderRun[] = [];
  for (let i = 0; i < BATCH; i += 1) {
    const run = await applyNextDue(db, catalog, now);
    if (run === null) break;
    runs.push(run);
  }
  return runs;
}

/** Runs the scheduler every `intervalSeconds`; safe with several processes. Returns a stop function. */
export function startRenewalScheduler(
  db: Kysely<Database>,
  catalog: Catalog,
  intervalSeconds: number,
  log: FastifyBaseLogger,
  now: () => number = Date.now,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    applyDueRenewals(db, catalog, now())
      .then((runs) => {
        for (const run of runs)
          if (run.status === 'failed') log.warn({ orderId: run.orderId, code: run.code }, run.message);
        if (runs.length > 0) log.info({ renewals: runs.length }, 'applied due renewal orders');
      })
      .catch((err: unknown) => log.error({ err }, 'renewal scheduler failed'))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
