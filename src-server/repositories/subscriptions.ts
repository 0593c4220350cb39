import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { findProduct } from '../../shared/catalog/find-product';
import type { Product } from '../../shared/catalog/product';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { runsAt } from './line-chain';
import { upCte } from './org-ancestry';

/** The `reach(id, depth)` CTE: the user's organizations and every organization above them (R13). */
const reachCte = (userId: string): RawBuilder<unknown> => sql`reach(id, depth) as (
      select org_id, 0 from memberships where user_id = ${userId}
      union
      select o.parent_id, r.depth + 1 from organizations o join reach r on o.id = r.id where o.parent_id is not null and r.depth < 32
    )`;

/**
 * R13: a user may draw on subscriptions of their organizations and of their ancestors (licenses not
 * dedicated elsewhere are usable within the account). Returns org id → distance, nearest preferred.
 */
export async function reachableOrgs(trx: Kysely<Database>, userId: string): Promise<Map<string, number>> {
  const rows = await sql<{ id: string; depth: number }>`
    with recursive ${reachCte(userId)}
    select id, min(depth)::int as depth from reach group by id`.execute(trx);
  return new Map(rows.rows.map((r) => [r.id, r.depth]));
}

/** R13: the products the user may draw on now (running lines of their organizations and those above). */
export async function subscribedProducts(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<string[]> {
  const reach = [...(await reachableOrgs(db, userId)).keys()];
  if (reach.length === 0) return [];
  const rows = await db
    .selectFrom('subscriptions')
    .select('product_id')
    .distinct()
    .where('org_id', 'in', reach)
    .where(runsAt('subscriptions', now))
    .orderBy('product_id')
    .execute();
  return rows.map((r) => r.product_id);
}

/** The organization and its ancestors with their distance from it (R13: nearest subscription up the tree). */
export async function ancestryOf(db: Kysely<Database>, orgId: string): Promise<Map<string, number>> {
  const rows = await sql<{ id: string; depth: number }>`
    with recursive ${upCte(orgId)}
    select id, depth from up`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.depth]));
}

/** A subscription row locked for the rest of the transaction, with the caller's role and the product. */
export interface LockedSubscription {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly product: Product;
  readonly kind: Database['subscriptions']['license_kind'];
  readonly quota: number;
  readonly machineQuota: number;
  readonly billingCycle: Database['subscriptions']['billing_cycle'];
  readonly endsAt: Date;
}

/** Which subscription a request draws from: the product, optionally the org, and when. */
export interface SubscriptionQuery {
  readonly userId: string;
  readonly productId: string;
  readonly orgId?: string | undefined;
  /**
   * True when the caller was authorized to administer `orgId` (routes/services checked roleIn): the
   * organization draws on its nearest subscription up the tree whether or not the caller belongs there.
   */
  readonly administered?: boolean | undefined;
  readonly now: number;
  readonly catalog: Parameters<typeof findProduct>[0];
}

/**
 * R13: the organizations a request may draw on, with their distance (nearest first wins). Without
 * `orgId`: the caller's organizations and their ancestors. With `orgId`: that organization and its
 * ancestors, limited to what the caller reaches unless they administer it.
 */
async function drawableOrgs(trx: Kysely<Database>, q: SubscriptionQuery): Promise<Map<string, number>> {
  if (q.orgId === undefined) return reachableOrgs(trx, q.userId);
  if (q.administered === true) return ancestryOf(trx, q.orgId);
  // `ancestryOf` limited to `reachableOrgs`, in one statement (one round trip per activation or checkout).
  const rows = await sql<{ id: string; depth: number }>`
    with recursive ${upCte(q.orgId)}, ${reachCte(q.userId)}
    select id, depth from up where id in (select id from reach)`.execute(trx);
  return new Map(rows.rows.map((r) => [r.id, r.depth]));
}

/**
 * Finds the caller's current subscription for a product and locks its row (`FOR UPDATE`): every
 * quota decision made afterwards in this transaction sees a count no other process can change.
 */
export async function lockSubscription(
  trx: Transaction<Database>,
  q: SubscriptionQuery,
): Promise<Result<LockedSubscription>> {
  const product = findProduct(q.catalog, q.productId);
  if (!product.ok) return product;
  const query = trx
    .selectFrom('subscriptions as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .select([
      's.id',
      's.org_id',
      'o.name',
      's.license_kind',
      's.quota',
      's.machine_quota',
      's.billing_cycle',
      's.starts_at',
      's.ends_at',
    ])
    .where('s.product_id', '=', q.productId)
    .where('s.replaced_by', 'is', null)
    .orderBy('s.ends_at', 'desc')
    .orderBy('s.id');
  const depth = await drawableOrgs(trx, q);
  if (depth.size === 0)
    return fail(
      'PRODUCT_NOT_SUBSCRIBED',
      `You belong to no organization that subscribes to ${product.value.name}.`,
    );
  const candidates = (await query.where('s.org_id', 'in', [...depth.keys()]).execute()).sort(
    (a, b) => (depth.get(a.org_id) ?? 0) - (depth.get(b.org_id) ?? 0),
  );
  const now = new Date(q.now);
  const current = candidates.find((c) => c.starts_at <= now && now < c.ends_at);
  if (current === undefined) {
    if (candidates.length > 0) {
      return fail(
        'SUBSCRIPTION_EXPIRED',
        `Your organization's ${product.value.name} subscription is not active now; ask an Owner or Admin to renew it.`,
      );
    }
    return fail('PRODUCT_NOT_SUBSCRIBED', `None of your organizations subscribes to ${product.value.name}.`);
  }
  await trx.selectFrom('subscriptions').select('id').where('id', '=', current.id).forUpdate().execute();
  return ok({
    id: current.id,
    orgId: current.org_id,
    orgName: current.name,
    product: product.value,
    kind: current.license_kind,
    quota: current.quota,
    machineQuota: current.machine_quota,
    billingCycle: current.billing_cycle,
    endsAt: current.ends_at,
  });
}
