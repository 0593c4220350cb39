import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { ok } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { timedOutSession } from '../repositories/session-liveness';
import { endSessions } from '../repositories/session-store';

/** The reason stored and shown when a crashed or sleeping agent stopped heartbeating. */
export const CULL_REASON = 'No heartbeat arrived in time; the license was freed.';

/** Ends every session whose last heartbeat is older than the TTL, with reason and audit; returns how many. */
export async function cullSessions(db: Kysely<Database>, now: number, ttlSeconds: number): Promise<number> {
  const result = await transact(db, async (trx) => {
    const stale = await trx
      .selectFrom('sessions')
      .select('id')
      .where(timedOutSession(null, now, ttlSeconds))
      .limit(1000)
      .forUpdate()
      .skipLocked()
      .execute();
    return ok(
      await endSessions(
        trx,
        stale.map((s) => s.id),
        CULL_REASON,
        now,
        { actorUserId: null, action: 'session.culled' },
      ),
    );
  });
  return result.ok ? result.value : 0;
}

/** Runs the culler every quarter TTL; safe with several server processes (SKIP LOCKED). Returns a stop function. */
export function startSessionCuller(
  db: Kysely<Database>,
  ttlSeconds: number,
  log: FastifyBaseLogger,
  now: () => number = Date.now,
): () => void {
  const timer = setInterval(
    () => {
      cullSessions(db, now(), ttlSeconds)
        .then((n) => n > 0 && log.info({ culled: n }, 'ended sessions without heartbeat'))
        .catch((err: unknown) => log.error({ err }, 'session culling failed'));
    },
    Math.max(1000, (ttlSeconds * 1000) / 4),
  );
  timer.unref();
  return () => clearInterval(timer);
}
