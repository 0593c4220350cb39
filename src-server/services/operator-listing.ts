import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Read-only listings for the operator CLI's `list` commands, so no id has to be copied from old output.

const LIMIT = 1000;

/** Accounts, oldest first. */
export const listAccounts = (db: Kysely<Database>) =>
  db
    .selectFrom('accounts')
    .select(['id', 'name', 'created_at as createdAt'])
    .orderBy('created_at')
    .limit(LIMIT)
    .execute();

/** Organizations, optionally of one account, with their parent (sub-organizations, R13). */
export const listOrganizations = (db: Kysely<Database>, accountId?: string) =>
  db
    .selectFrom('organizations')
    .select(['id', 'name', 'account_id as accountId', 'parent_id as parentId'])
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId ?? ''))
    .orderBy('created_at')
    .limit(LIMIT)
    .execute();

/** Users, optionally the members of one organization with their role. */
export const listUsers = (db: Kysely<Database>, orgId?: string) =>
  orgId === undefined
    ? db.selectFrom('users').select(['id', 'email', 'name']).orderBy('email').limit(LIMIT).execute()
    : db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
        .where('memberships.org_id', '=', orgId)
        .orderBy('users.email')
        .limit(LIMIT)
        .execute();

/** Current subscription lines (not replaced by a renewal), optionally of one organization. */
export const listSubscriptions = (db: Kysely<Database>, orgId?: string) =>
  db
    .selectFrom('subscriptions')
    .select([
      'id',
      'org_id as orgId',
      'product_id as productId',
      'license_kind as kind',
      'quota',
      'machine_quota as machineQuota',
      'billing_cycle as cycle',
      'starts_at as startsAt',
      'ends_at as endsAt',
    ])
    .where('replaced_by', 'is', null)
    .$if(orgId !== undefined, (q) => q.where('org_id', '=', orgId ?? ''))
    .orderBy('created_at')
    .limit(LIMIT)
    .execute();

/** Offline licenses made by an organization (R8), newest first. */
export const listOfflineLicenses = (db: Kysely<Database>, orgId: string) =>
  db
    .selectFrom('offline_licenses')
    .select([
      'id',
      'product_id as productId',
      'machine_id as machineId',
      'file_name as fileName',
      'expires_at as expiresAt',
    ])
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(LIMIT)
    .execute();

/** Whether any account exists yet (the first-start banner and `init`). */
export const hasAccounts = async (db: Kysely<Database>): Promise<boolean> =>
  (await db.selectFrom('accounts').select('id').limit(1).execute()).length > 0;
