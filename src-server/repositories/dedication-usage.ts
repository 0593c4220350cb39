import { sql, type Kysely } from 'kysely';
import {
  allocationTree,
  type AllocationNode,
  type AllocationTree,
} from '../../shared/domain/allocation-tree';
import { withChargedUsage } from '../../shared/domain/dedication-charge';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { unitRows, type UsageLine } from './line-units';

/** One organization below (or at) a subscription holder, with its dedication of the product. */
export interface SubtreeRow {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly depth: number;
  readonly dedicated: number;
}

/** The organization and everything below it, with each node's dedication of one product (R13). */
export async function orgSubtree(db: Kysely<Database>, rootOrgId: string, productId: string) {
  const rows = await sql<{
    id: string;
    parent_id: string | null;
    name: string;
    depth: number;
    count: number | null;
  }>`
    with recursive t(id, parent_id, name, depth) as (
      select id, parent_id, name, 0 from organizations where id = ${rootOrgId}
      union all
      select o.id, o.parent_id, o.name, t.depth + 1 from organizations o join t on o.parent_id = t.id where t.depth < 32
    )
    select t.id, t.parent_id, t.name, t.depth, d.count
    from t left join dedications d on d.org_id = t.id and d.product_id = ${productId}`.execute(db);
  return rows.rows.map((r): SubtreeRow => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    depth: r.depth,
    dedicated: r.count ?? 0,
  }));
}

/** The subscription holder: the one node at depth 0. */
export const rootOf = (rows: readonly SubtreeRow[]): string => rows.find((r) => r.depth === 0)?.id ?? '';

/**
 * Each member's node in the subtree (R13): their deepest organization there, the smaller id on a tie;
 * `onlyUser` narrows the read to one member.
 */
async function homeNodes(
  db: Kysely<Database>,
  rows: readonly SubtreeRow[],
  onlyUser?: string,
): Promise<Map<string, string>> {
  const depth = new Map(rows.map((r) => [r.id, r.depth]));
  let query = db
    .selectFrom('memberships')
    .select(['user_id', 'org_id'])
    .where('org_id', 'in', [...depth.keys()]);
  if (onlyUser !== undefined) query = query.where('user_id', '=', onlyUser);
  const homes = new Map<string, string>();
  for (const m of await query.execute()) {
    const known = homes.get(m.user_id);
    const deeper = known === undefined ? 1 : (depth.get(m.org_id) ?? 0) - (depth.get(known) ?? 0);
    if (deeper > 0 || (deeper === 0 && known !== undefined && m.org_id < known))
      homes.set(m.user_id, m.org_id);
  }
  return homes;
}

/**
 * Licenses in use per node of the subtree (line-units.ts, the rows the line's total sums): each counted at its user's deepest organization in the
 * subtree (R13: a member of a sub-organization uses what is dedicated there), offline files without
 * a user at the organization that created them.
 */
async function unitsByNode(
  db: Kysely<Database>,
  rows: readonly SubtreeRow[],
  lines: readonly UsageLine[],
  now: number,
  ttlSeconds: number,
): Promise<Map<string, number>> {
  const root = rootOf(rows);
  const depth = new Map(rows.map((r) => [r.id, r.depth]));
  const homes = await homeNodes(db, rows);
  const units = new Map<string, number>();
  for (const line of lines) {
    const counted = await sql<{ user_id: string | null; org_id: string | null; n: number }>`
      select u.user_id, u.org_id, sum(u.units)::int as n from (${unitRows(line, now, ttlSeconds)}) u
      group by u.user_id, u.org_id`.execute(db);
    for (const c of counted.rows) {
      const byUser = c.user_id === null ? undefined : homes.get(c.user_id);
      const node = byUser ?? (c.org_id !== null && depth.has(c.org_id) ? c.org_id : root);
      units.set(node, (units.get(node) ?? 0) + c.n);
    }
  }
  return units;
}

/** The subtree as an allocation tree: the root holds `purchased`, usage charged where it is used (R14). */
export async function chargedTree(
  db: Kysely<Database>,
  q: {
    rows: readonly SubtreeRow[];
    productId: string;
    purchased: number;
    lines: readonly UsageLine[];
    now: number;
    ttlSeconds: number;
  },
): Promise<Result<AllocationTree>> {
  const rootId = rootOf(q.rows);
  const nodes: AllocationNode[] = q.rows.map((r) => ({
    id: r.id,
    parentId: r.id === rootId ? null : r.parentId,
    dedicated: { [q.productId]: r.id === rootId ? q.purchased : r.dedicated },
    assigned: {},
  }));
  const tree = allocationTree(nodes);
  if (!tree.ok) return tree;
  const units = await unitsByNode(db, q.rows, q.lines, q.now, q.ttlSeconds);
  return ok(withChargedUsage(tree.value, q.productId, units));
}

/** The deepest organization of the subtree the user belongs to (their node), or the root. */
export async function consumerNode(
  db: Kysely<Database>,
  rows: readonly SubtreeRow[],
  userId: string,
): Promise<string> {
  return (await homeNodes(db, rows, userId)).get(userId) ?? rootOf(rows);
}
