import type { Kysely } from 'kysely';
import { findProduct } from '../../shared/catalog/find-product';
import type { Catalog } from '../../shared/catalog/product';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { decideSubscriptionKind } from '../../shared/domain/legacy-models';
import type { Role } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import { generateApiKey } from '../auth/api-keys';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from '../repositories/audit';

// What a vendor operator does (CLI) and what test seeding reuses: accounts, orgs, users, keys, subscriptions.

/** Creates an account (the root of an organization tree, R13). */
export async function createAccount(db: Kysely<Database>, name: string): Promise<string> {
  return (await db.insertInto('accounts').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Creates an organization under an account, optionally as a sub-organization (R13). */
export async function createOrganization(
  db: Kysely<Database>,
  o: { accountId: string; name: string; parentId?: string | null },
): Promise<string> {
  return (
    await db
      .insertInto('organizations')
      .values({ account_id: o.accountId, name: o.name, parent_id: o.parentId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Creates a user and their first API key; the key is returned once and only its hash is stored. */
export async function createUser(
  db: Kysely<Database>,
  u: { email: string; name: string },
): Promise<{ userId: string; apiKey: string }> {
  const userId = (
    await db
      .insertInto('users')
      .values({ email: u.email.toLowerCase(), name: u.name })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { userId, apiKey: await issueApiKey(db, userId) };
}

/** Issues another API key for a user (shown once). */
export async function issueApiKey(db: Kysely<Database>, userId: string): Promise<string> {
  const key = generateApiKey();
  await db
    .insertInto('api_keys')
    .values({ user_id: userId, prefix: key.prefix, key_hash: key.hash })
    .execute();
  return key.key;
}

/** Adds (or re-roles) a member of an organization (R15). */
export async function addMember(
  db: Kysely<Database>,
  m: { orgId: string; userId: string; role: Role },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ org_id: m.orgId, user_id: m.userId, role: m.role })
    .onConflict((c) => c.columns(['org_id', 'user_id']).doUpdateSet({ role: m.role }))
    .execute();
}

/** A subscription line as an operator enters it. */
export interface NewSubscription {
  readonly orgId: string;
  readonly productId: string;
  readonly kind: string;
  readonly quota: number;
  readonly machineQuota: number;
  readonly billingCycle: Database['subscriptions']['billing_cycle'];
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/**
 * Adds a subscription after the shared rule allows the kind: sold by the product (R4), not deprecated
 * at the contract's start (R29, so pre-deprecation contracts can still be recorded) and no clash (R27).
 */
export async function createSubscription(
  db: Kysely<Database>,
  catalog: Catalog,
  s: NewSubscription,
): Promise<Result<string>> {
  const product = findProduct(catalog, s.productId);
  if (!product.ok) return product;
  const kind = LicenseKindSchema.safeParse(s.kind);
  if (!kind.success)
    return fail(
      'VALIDATION_FAILED',
      `"${s.kind}" is not a license kind (${LicenseKindSchema.options.join(', ')}).`,
    );
  return transact(db, async (trx) => {
    const existing = await trx
      .selectFrom('subscriptions')
      .select('license_kind')
      .where('org_id', '=', s.orgId)
      .where('product_id', '=', s.productId)
      .where('ends_at', '>', new Date())
      .execute();
    const kinds = existing.map((e) => LicenseKindSchema.parse(e.license_kind));
    const decision = decideSubscriptionKind(
      product.value,
      kinds,
      kind.data,
      s.startsAt.getTime(),
      catalog.legacyPolicy,
    );
    if (!decision.ok) return decision;
    const id = (
      await trx
        .insertInto('subscriptions')
        .values({
          org_id: s.orgId,
          product_id: s.productId,
          license_kind: decision.value,
          quota: s.quota,
          machine_quota: s.machineQuota,
          billing_cycle: s.billingCycle,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await audit(trx, {
      action: 'subscription.created',
      orgId: s.orgId,
      productId: s.productId,
      details: { subscriptionId: id, kind: decision.value, quota: s.quota, machineQuota: s.machineQuota },
    });
    return ok(id);
  });
}
