import { sql, type Kysely } from 'kysely';
import type { OrgTree } from '../../../shared/contracts/http/admin-org';
import { dedicate } from '../../../shared/domain/allocation-ops';
import {
  allocationTree,
  assignedOf,
  availableOf,
  dedicatedOf,
  poolOf,
  type AllocationNode,
  type AllocationTree,
} from '../../../shared/domain/allocation-tree';
import { ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { transact } from '../../db/transact';
import { audit } from '../audit';
import type { LicensingContext } from '../context';
import { lineUsage } from './license-counts';
import { currentLines, requireManagerIn } from './access';

interface Loaded {
  readonly tree: AllocationTree;
  readonly names: ReadonlyMap<string, string>;
}

/**
 * R13: the subtree rooted at the organization. A node that holds running subscription lines has them
 * as its dedication (purchased) and their usage as assigned; every other node has what its parent dedicated.
 */
async function loadTree(
  db: Kysely<Database>,
  ctx: LicensingContext,
  orgId: string,
  productId: string,
): Promise<Result<Loaded>> {
  const rows = await sql<{ id: string; parent_id: string | null; name: string; dedicated: number | null }>`
    with recursive t as (
      select id, parent_id, name from organizations where id = ${orgId}
      union all
      select o.id, o.parent_id, o.name from organizations o join t on o.parent_id = t.id
    )
    select t.id, t.parent_id, t.name, d.count as dedicated
    from t left join dedications d on d.org_id = t.id and d.product_id = ${productId}`.execute(db);
  const nodes: AllocationNode[] = [];
  const now = ctx.now();
  for (const row of rows.rows) {
    const lines = await currentLines(db, row.id, productId, now);
    let purchased = 0;
    let assigned = 0;
    for (const line of lines) {
      purchased += line.quota;
      const usage = await lineUsage(db, line, row.id, now, ctx.config.sessionTtlSeconds);
      assigned += usage.onlineUsed + usage.offlineMachineIds.length;
    }
    nodes.push({
      id: row.id,
      parentId: row.id === orgId ? null : row.parent_id,
      dedicated: { [productId]: lines.length > 0 ? purchased : (row.dedicated ?? 0) },
      assigned: { [productId]: assigned },
    });
  }
  const tree = allocationTree(nodes);
  if (!tree.ok) return tree;
  return ok({ tree: tree.value, names: new Map(rows.rows.map((r) => [r.id, r.name])) });
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
    const next = dedicate(loaded.value.tree, {
      parentId: q.orgId,
      childId: q.childOrgId,
      productId: q.productId,
      count: q.count,
    });
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
