import type { Transaction } from 'kysely';
import type { SessionInfo } from '../../shared/contracts/http/activations';
import type { RemovalCode } from '../../shared/domain/removal';
import type { Database } from '../db/schema';
import { audit } from './audit';

type Trx = Transaction<Database>;

/** The session facts a response carries; expiry = last heartbeat + TTL. */
export function sessionInfo(
  row: { id: string; started_at: Date; heartbeat_at: Date },
  where: { productId: string; organizationId: string; machineId: string },
  ttlSeconds: number,
): SessionInfo {
  return {
    id: row.id,
    productId: where.productId,
    organizationId: where.organizationId,
    machineId: where.machineId,
    startedAt: row.started_at.toISOString(),
    heartbeatAt: row.heartbeat_at.toISOString(),
    expiresAt: new Date(row.heartbeat_at.getTime() + ttlSeconds * 1000).toISOString(),
    heartbeatIntervalSeconds: Math.max(1, Math.floor(ttlSeconds / 4)),
  };
}

/** Starts a session, or refreshes the heartbeat of the one being resumed. */
export async function openOrResumeSession(
  trx: Trx,
  args: {
    subscriptionId: string;
    machineRef: string;
    userId: string;
    now: number;
    resumeId: string | null;
    slot?: number | null;
    applicationId?: string | null;
  },
): Promise<{ id: string; started_at: Date; heartbeat_at: Date; resumed: boolean }> {
  const now = new Date(args.now);
  if (args.resumeId !== null) {
    const row = await trx
      .updateTable('sessions')
      .set({ heartbeat_at: now })
      .where('id', '=', args.resumeId)
      .returning(['id', 'started_at', 'heartbeat_at'])
      .executeTakeFirstOrThrow();
    return { ...row, resumed: true };
  }
  const row = await trx
    .insertInto('sessions')
    .values({
      subscription_id: args.subscriptionId,
      machine_ref: args.machineRef,
      user_id: args.userId,
      started_at: now,
      heartbeat_at: now,
      slot: args.slot ?? null,
      application_id: args.applicationId ?? null,
    })
    .returning(['id', 'started_at', 'heartbeat_at'])
    .executeTakeFirstOrThrow();
  return { ...row, resumed: false };
}

/** Ends live sessions with a recorded reason (and removal code) and an audit event each (culling, release, R19 moves, R23). */
export async function endSessions(
  trx: Trx,
  ids: readonly string[],
  reason: string,
  at: number,
  actor: { actorUserId: string | null; action: string; code?: RemovalCode },
): Promise<number> {
  if (ids.length === 0) return 0;
  const ended = await trx
    .updateTable('sessions as s')
    .from(['subscriptions as sub', 'machines as m'])
    .set({ ended_at: new Date(at), end_reason: reason, end_code: actor.code ?? null })
    .whereRef('sub.id', '=', 's.subscription_id')
    .whereRef('m.id', '=', 's.machine_ref')
    .where('s.id', 'in', ids)
    .where('s.ended_at', 'is', null)
    .returning(['s.id', 'sub.org_id', 'sub.product_id', 'm.machine_id'])
    .execute();
  await audit(
    trx,
    ...ended.map((e) => ({
      action: actor.action,
      actorUserId: actor.actorUserId,
      orgId: e.org_id,
      productId: e.product_id,
      machineId: e.machine_id,
      reason,
      details: { sessionId: e.id },
    })),
  );
  return ended.length;
}
