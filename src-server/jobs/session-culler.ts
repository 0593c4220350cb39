import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { ok } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { cullTimedOutBatch } from '../repositories/session-cull';

/** The reason stored and shown when a crashed or sleeping agent stopped heartbeating. */
export const CULL_REASON = 'No heartbeat arrived in time; the license was freed.';

/**
 * Sessions ended per transaction: one statement and one audit chain-head update per batch. 5,000 ends
 * 1M stale sessions in 43 s where 1,000 took 59 s (BENCHMARKS.md); the chain head is held ~0.1 s per batch.
 */
export const CULL_BATCH = 5000;

/** Ends up to one batch of sessions whose last heartbeat is older than the TTL, with reason and audit; returns how many. */
export async function cullSessions(
  db: Kysely<Database>,
  now: number,
  ttlSeconds: number,
  batch: number = CULL_BATCH,
): Promise<number> {
  const result = await transact(db, async (trx) =>
    ok(await cullTimedOutBatch(trx, now, ttlSeconds, batch, CULL_REASON)),
  );
  return result.ok ? result.value : 0;
}

/**
 * Batches culled at once. The audit INSERT of a batch holds the chain head until it commits; two
 * workers overlap one's UPDATE with the other's INSERT (SKIP LOCKED keeps their rows apart): 1.4–1.6× the
 * sessions per second of one worker on two cores (BENCHMARKS.md, "Culling, round 4").
 */
export const CULL_WORKERS = 2;

/** How `cullStaleSessions` runs: batch size, concurrent batches, and who hears of each batch. */
export interface CullOptions {
  readonly batch?: number;
  readonly workers?: number;
  /** Hears of each batch as it commits (progress for a long cull, per-batch timing for the bench). */
  readonly onBatch?: (ended: number) => void;
}

/**
 * Ends every stale session, one batch per transaction, in `workers` loops that each stop when a batch
 * comes back short; yields to the event loop between batches so the heartbeats this process serves
 * are never held behind the cull.
 */
export async function cullStaleSessions(
  db: Kysely<Database>,
  now: number,
  ttlSeconds: number,
  options: CullOptions = {},
): Promise<number> {
  const { batch = CULL_BATCH, workers = CULL_WORKERS, onBatch = () => undefined } = options;
  let total = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const ended = await cullSessions(db, now, ttlSeconds, batch);
      onBatch(ended);
      total += ended;
      if (ended < batch) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  return total;
}

/** Runs the culler every quarter TTL; safe with several server processes (SKIP LOCKED). Returns a stop function. */
export function startSessionCuller(
  db: Kysely<Database>,
  ttlSeconds: number,
  log: FastifyBaseLogger,
  now: () => number = Date.now,
): () => void {
  let running = false;
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      cullStaleSessions(db, now(), ttlSeconds)
        .then((n) => n > 0 && log.info({ culled: n }, 'ended sessions without heartbeat'))
        .catch((err: unknown) => log.error({ err }, 'session culling failed'))
        .finally(() => (running = false));
    },
    Math.max(1000, (ttlSeconds * 1000) / 4),
  );
  timer.unref();
  return () => clearInterval(timer);
}
