import type { Kysely } from 'kysely';
import type { OrgTree } from '../../../shared/contracts/http/admin-org';
import { dedicate } from '../../../shared/domain/allocation-ops';
import {
  allocationTree,
  assignedOf,
  availableOf,
  dedicatedOf,
  poolOf,
  type AllocationTree,
} from '../../../shared/domain/allocation-tree';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { transact } from '../../db/transact';
import { audit } from '../../repositories/audit';
import type { LicensingContext } from '../context';
import { chargedTree, orgSubtree, type SubtreeRow } from '../../repositories/dedication-usage';
import { usageLine } from '../../repositories/line-units';
import { drawnLines, requireManagerIn } from './access';

/** The catalog's product (a product without one offers no offline files, so reserves no machine). */
const productOf = (ctx: LicensingContext, productId: string) =>
  ctx.catalog.products.find((p) => p.id === productId) ?? { offline: null };

interface Loaded {
  readonly tree: AllocationTree;
  readonly names: ReadonlyMap<string, string>;
}

/** The organization itself or its nearest ancestor that holds running lines of the product (R13). */
async function subscriptionHolder(db: Kysely<Database>, orgId: string, productId: string, now: number) {
  const drawn = await drawnLines(db, orgId, productId, now);
  return { id: drawn.holder?.id ?? orgId, lines: drawn.lines };
}

/** `orgId` and everything below it, from the holder's rows (parents come before children by depth). */
function withDescendants(rows: readonly SubtreeRow[], orgId: string): Set<string> {
  const ids = new Set([orgId]);
  for (const r of [...rows].sort((a, b) => a.depth - b.depth)) {
    if (r.parentId !== null && ids.has(r.parentId)) ids.add(r.id);
  }
  return ids;
}

/**
 * R13/R14: the subtree rooted at the organization, computed from the subscription holder's whole tree
 * (its running lines are its dedication) with each license in use charged where it is used.
 */
async function loadTree(
  db: Kysely<Database>,
  ctx: LicensingContext,
  orgId: string,
  productId: string,
): Promise<Result<Loaded>> {
  const now = ctx.now();
  const holder = await subscriptionHolder(db, orgId, productId, now);
  const rows = await orgSubtree(db, holder.id, productId);
  const whole = await chargedTree(db, {
    rows,
    productId,
    purchased: holder.lines.reduce((sum, line) => sum + line.quota, 0),
    lines: holder.lines.map((line) => usageLine(line, productOf(ctx, productId))),
    now,
    ttlSeconds: ctx.config.sessionTtlSeconds,
  });
  if (!whole.ok) return whole;
  const ids = withDescendants(rows, orgId);
  const nodes = Object.values(whole.value.nodes)
    .filter((n) => ids.has(n.id))
    .map((n) => (n.id === orgId ? { ...n, parentId: null } : n));
  const tree = allocationTree(nodes);
  if (!tree.ok) return tree;
  return ok({ tree: tree.value, names: new Map(rows.map((r) => [r.id, r.name])) });
}

/** Pool / assigned / available per node, computed by the shared R14 arithmetic. */
function view(loaded: Loaded, productId: string): OrgTree {
  const { tree, names } = loaded;
  return {
    productId,
    nodes: Object.values(tree.nodes).map((n) => ({
      id: n.id,
      parentId: n.parentId,
      name: names.get(n.id) ?? '',
      dedicated: dedicatedOf(tree, n.id, productId),
      pool: Math.max(0, poolOf(tree, n.id, productId)),
      assigned: assignedOf(tree, n.id, productId),
      available: Math.max(0, availableOf(tree, n.id, productId)),
    })),
  };
}

/** The allocation tree of one product below an organization (R13, R14). */
export async function orgTree(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; productId: string },
): Promise<Result<OrgTree>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'see the organization tree');
  if (!role.ok) return role;
  const loaded = await loadTree(ctx.db, ctx, q.orgId, q.productId);
  return loaded.ok ? ok(view(loaded.value, q.productId)) : loaded;
}

/**
 * One organization's figures in the allocation tree (R14) — the same node `orgTree` shows for it —
 * for the License Management of a sub-organization that draws on an ancestor's subscription.
 */
export async function nodeShare(
  ctx: LicensingContext,
  orgId: string,
  productId: string,
): Promise<Result<Omit<OrgTree['nodes'][number], 'id' | 'parentId' | 'name'>>> {
  const loaded = await loadTree(ctx.db, ctx, orgId, productId);
  if (!loaded.ok) return loaded;
  const node = view(loaded.value, productId).nodes.find((n) => n.id === orgId);
  if (node === undefined) return fail('UNKNOWN_ORGANIZATION', 'This organization is not in the tree.');
  return ok({
    dedicated: node.dedicated,
    pool: node.pool,
    assigned: node.assigned,
    available: node.available,
  });
}

/** R14: sets a direct child's dedication, refused beyond the parent's pool or below what the child uses. */
export async function dedicateLicenses(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; productId: string; childOrgId: string; count: number },
): Promise<Result<OrgTree>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'dedicate licenses');
  if (!role.ok) return role;
  return transact(ctx.db, async (trx) => {
    await trx.selectFrom('organizations').select('id').where('id', '=', q.orgId).forUpdate().execute();
    const loaded = await loadTree(trx, ctx, q.orgId, q.productId);
    if (!loaded.ok) return loaded;
    const next = dedicate(
      loaded.value.tree,
      {
        parentId: q.orgId,
        childId: q.childOrgId,
        productId: q.productId,
        count: q.count,
      },
      (id) => loaded.value.names.get(id) ?? id,
    );
    if (!next.ok) return next;
    await trx
      .insertInto('dedications')
      .values({
        org_id: q.childOrgId,
        product_id: q.productId,
        count: q.count,
        updated_at: new Date(ctx.now()),
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'product_id']).doUpdateSet({ count: q.count, updated_at: new Date(ctx.now()) }),
      )
      .execute();
    await audit(trx, {
      action: 'licenses.dedicated',
      actorUserId: q.userId,
      orgId: q.orgId,
      productId: q.productId,
      details: { childOrgId: q.childOrgId, count: q.count },
    });
    return ok(view({ ...loaded.value, tree: next.value }, q.productId));
  });
}
