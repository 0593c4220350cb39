import type { Kysely } from 'kysely';
import { findProduct } from '../../../shared/catalog/find-product';
import type { Catalog, Product } from '../../../shared/catalog/product';
import { requireManager, type Role } from '../../../shared/domain/roles';
import { fail, ok, type Result } from '../../../shared/result';
import { roleIn } from '../../auth/authorize';
import type { Database } from '../../db/schema';

/** R15: every License Management read and change is for the Owner or an Admin of that organization. */
export async function requireManagerIn(
  db: Kysely<Database>,
  userId: string,
  orgId: string,
  action: string,
): Promise<Result<Role>> {
  const role = await roleIn(db, userId, orgId);
  if (!role.ok) return role;
  const manager = requireManager(role.value, action);
  return manager.ok ? role : manager;
}

/** One running subscription line of a product in an organization. */
export interface CurrentLine {
  readonly id: string;
  readonly kind: Database['subscriptions']['license_kind'];
  readonly quota: number;
  readonly machineQuota: number;
  readonly billingCycle: Database['subscriptions']['billing_cycle'];
  readonly endsAt: Date;
}

/** The product's lines that run now (not replaced, started, not ended), newest end first. */
export async function currentLines(
  db: Kysely<Database>,
  orgId: string,
  productId: string | null,
  now: number,
): Promise<(CurrentLine & { productId: string })[]> {
  let query = db
    .selectFrom('subscriptions')
    .select(['id', 'product_id', 'license_kind', 'quota', 'machine_quota', 'billing_cycle', 'ends_at'])
    .where('org_id', '=', orgId)
    .where('replaced_by', 'is', null)
    .where('starts_at', '<=', new Date(now))
    .where('ends_at', '>', new Date(now))
    .orderBy('product_id')
    .orderBy('ends_at', 'desc')
    .orderBy('id');
  if (productId !== null) query = query.where('product_id', '=', productId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    kind: r.license_kind,
    quota: r.quota,
    machineQuota: r.machine_quota,
    billingCycle: r.billing_cycle,
    endsAt: r.ends_at,
  }));
}

/** A manager's view of one product: the caller's role, the catalog entry and its running lines. */
export interface ProductScope {
  readonly role: Role;
  readonly product: Product;
  readonly lines: readonly CurrentLine[];
  readonly lineIds: readonly string[];
}

/** Authorizes the caller for the organization and loads the product's running lines (none → refusal). */
export async function productScope(
  db: Kysely<Database>,
  catalog: Catalog,
  q: { userId: string; orgId: string; productId: string; now: number; action: string },
): Promise<Result<ProductScope>> {
  const role = await requireManagerIn(db, q.userId, q.orgId, q.action);
  if (!role.ok) return role;
  const product = findProduct(catalog, q.productId);
  if (!product.ok) return product;
  const lines = await currentLines(db, q.orgId, q.productId, q.now);
  if (lines.length === 0)
    return fail(
      'PRODUCT_NOT_SUBSCRIBED',
      `This organization has no running ${product.value.name} subscription.`,
    );
  return ok({ role: role.value, product: product.value, lines, lineIds: lines.map((l) => l.id) });
}
