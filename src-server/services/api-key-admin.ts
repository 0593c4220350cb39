import type { Kysely, Transaction } from 'kysely';
import type { KeyRevocationResponse, NewKeyResponse } from '../../shared/contracts/http/admin-members';
import { decideMemberChange } from '../../shared/domain/membership';
import { fail, ok, type Result } from '../../shared/result';
import { generateApiKey } from '../auth/api-keys';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from '../repositories/audit';
import { endUse } from '../repositories/end-use';
import type { MemberActor } from './member-admin';

type Trx = Transaction<Database>;

const revokeAll = async (trx: Trx, userId: string, now: number): Promise<number> =>
  (
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date(now) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute()
  ).length;

const issue = async (trx: Trx, userId: string): Promise<NewKeyResponse> => {
  const key = generateApiKey();
  await trx
    .insertInto('api_keys')
    .values({ user_id: userId, prefix: key.prefix, key_hash: key.hash })
    .execute();
  return { userId, apiKey: key.key, prefix: key.prefix };
};

/** R15: the member must belong to the organization and the actor may touch their key. */
async function mayTouchKey(
  trx: Trx,
  actor: MemberActor,
  orgId: string,
  userId: string,
): Promise<Result<unknown>> {
  const target = await trx
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (target === undefined) return fail('NOT_A_MEMBER', 'This user is not a member of the organization.');
  return decideMemberChange({ actorRole: actor.role, targetRole: target.role, change: 'key', owners: 1 });
}

/**
 * An Owner/Admin revokes every API key of a member (optionally issuing a new one, shown once). The
 * user's live sessions end in the same transaction, coded KEY_REVOKED; their machines stay activated.
 */
export async function revokeMemberKeys(
  db: Kysely<Database>,
  actor: MemberActor,
  q: { orgId: string; userId: string; reissue: boolean },
  now: number,
): Promise<Result<KeyRevocationResponse & { newKey: NewKeyResponse | null }>> {
  return transact(db, async (trx) => {
    const allowed = await mayTouchKey(trx, actor, q.orgId, q.userId);
    if (!allowed.ok) return allowed;
    const revoked = await revokeAll(trx, q.userId, now);
    const ended = await endUse(
      trx,
      { userId: q.userId, deactivate: false },
      'KEY_REVOKED',
      now,
      actor.userId,
    );
    const newKey = q.reissue ? await issue(trx, q.userId) : null;
    await audit(trx, {
      action: q.reissue ? 'api-key.reissued' : 'api-key.revoked',
      actorUserId: actor.userId,
      orgId: q.orgId,
      details: { userId: q.userId, revoked, endedSessions: ended.sessions, prefix: newKey?.prefix ?? null },
    });
    return ok({ revoked, endedSessions: ended.sessions, newKey });
  });
}

/** A user rotates their own API key: the old ones stop working now, the new one is shown once; sessions go on. */
export async function rotateOwnKey(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<Result<NewKeyResponse>> {
  return transact(db, async (trx) => {
    const revoked = await revokeAll(trx, userId, now);
    const key = await issue(trx, userId);
    await audit(trx, {
      action: 'api-key.rotated',
      actorUserId: userId,
      details: { revoked, prefix: key.prefix },
    });
    return ok(key);
  });
}
