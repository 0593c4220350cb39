import { sql, type Kysely } from 'kysely';
import { findProduct } from '../../../shared/catalog/find-product';
import type { Catalog, Product } from '../../../shared/catalog/product';
import { requireManager, type Role } from '../../../shared/domain/roles';
import { fail, ok, type Result } from '../../../shared/result';
import { accessAlong, roleIn } from '../../auth/authorize';
import type { Database } from '../../db/schema';
import {
  currentLine,
  lineChain,
  runsAt,
  type ChainLink,
  type CurrentLine,
} from '../../repositories/line-chain';

export type { CurrentLine };

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

/** The product's lines that run now (not replaced, started, not ended), newest end first. */
export async function currentLines(
  db: Kysely<Database>,
  orgId: string,
  productId: string | null,
  now: number,
): Promise<(CurrentLine & { productId: string })[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .select([
      's.id',
      's.product_id',
      's.license_kind',
      's.quota',
      's.machine_quota',
      's.billing_cycle',
      's.ends_at',
    ])
    .where('s.org_id', '=', orgId)
    .where(runsAt('s', now))
    .orderBy('s.product_id')
    .orderBy('s.ends_at', 'desc')
    .orderBy('s.id');
  if (productId !== null) query = query.where('s.product_id', '=', productId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...currentLine(r), productId: r.product_id }));
}

/** The organization whose running lines of a product an organization draws on (R13), by name. */
export interface LineHolder {
  readonly id: string;
  readonly name: string;
}

/** A manager's view of one product: the caller's role, the catalog entry and its running lines. */
export interface ProductScope {
  readonly role: Role;
  readonly product: Product;
  readonly lines: readonly CurrentLine[];
  readonly lineIds: readonly string[];
  /** Whose lines they are: the organization itself or its nearest ancestor that subscribes (R13). */
  readonly holder: LineHolder;
  /**
   * null when the organization holds the lines (its view is the whole subscription); otherwise the
   * organization and its descendants: its tables show only the use of their members (R15: a
   * sub-organization's view never shows its parent's or its siblings' use).
   */
  readonly subtree: readonly string[] | null;
}

/** The organization and every organization below it (R13). */
export async function subtreeOf(db: Kysely<Database>, orgId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive t(id, depth) as (
      select id, 0 from organizations where id = ${orgId}
      union all
      select o.id, t.depth + 1 from organizations o join t on o.parent_id = t.id where t.depth < 32
    )
    select id from t`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * R13: the running lines an organization's License Management shows — its own, else those of the
 * nearest ancestor that subscribes (operations draw on the same ones). `holder` is null when none does.
 */
export async function drawnLines(
  db: Kysely<Database>,
  orgId: string,
  productId: string,
  now: number,
): Promise<{ holder: LineHolder | null; lines: CurrentLine[] }> {
  return holderOf(await lineChain(db, { userId: null, orgId, productId, now }));
}

/** The nearest organization of the chain with running lines, and those lines (R13). */
export function holderOf(chain: readonly ChainLink[]): { holder: LineHolder | null; lines: CurrentLine[] } {
  const link = chain.find((l) => l.lines.length > 0);
  return link === undefined
    ? { holder: null, lines: [] }
    : { holder: { id: link.id, name: link.name }, lines: link.lines };
}

/**
 * R15 for a read of one product: the caller's role over the organization (an Owner or Admin there or
 * above) and the organization's chain with each link's running lines (R13), in one statement.
 */
export async function managedChain(
  db: Kysely<Database>,
  q: { userId: string; orgId: string; productId: string; now: number; action: string; everyLine?: boolean },
): Promise<Result<{ role: Role; chain: ChainLink[] }>> {
  // The caller's role, whose lines and which lines, in one statement (line-chain.ts).
  const chain = await lineChain(db, q);
  const access = accessAlong(chain);
  if (!access.ok) return access;
  const role = requireManager(access.value.role, q.action);
  return role.ok ? ok({ role: access.value.role, chain }) : role;
}

/**
 * Authorizes the caller for the organization and loads the product's running lines, its own or the
 * nearest ancestor's (R13); none anywhere up the tree → refusal.
 */
export async function productScope(
  db: Kysely<Database>,
  catalog: Catalog,
  q: { userId: string; orgId: string; productId: string; now: number; action: string },
): Promise<Result<ProductScope>> {
  const product = findProduct(catalog, q.productId);
  const managed = await managedChain(db, q);
  if (!managed.ok) return managed;
  if (!product.ok) return product;
  const { role, chain } = managed.value;
  const { holder, lines } = holderOf(chain);
  if (holder === null)
    return fail(
      'PRODUCT_NOT_SUBSCRIBED',
      `Neither this organization nor any organization above it has a running ${product.value.name} subscription.`,
    );
  return ok({
    role,
    product: product.value,
    lines,
    lineIds: lines.map((l) => l.id),
    holder,
    subtree: holder.id === q.orgId ? null : await subtreeOf(db, q.orgId),
  });
}

/** The user ids that belong to one of `orgIds` (a subquery for "use by members of this subtree"). */
export const membersOfOrgs = (db: Kysely<Database>, orgIds: readonly string[]) =>
  db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', 'in', [...orgIds]);
