import { ok, type Result } from '../result';
import { countPhrase } from './count-phrase';
import { quotaRefusal } from './quota';
import { availableOf, dedicatedOf, poolOf, type AllocationTree } from './allocation-tree';

/**
 * R13: the node whose dedication a consumer at `nodeId` draws on: the nearest ancestor-or-self that
 * holds a dedication (licenses not dedicated to a node are used from its parent's pool), else the root.
 */
export function chargedNodeOf(tree: AllocationTree, nodeId: string, productId: string): string {
  let current = tree.nodes[nodeId];
  while (current !== undefined) {
    if (current.parentId === null || dedicatedOf(tree, current.id, productId) > 0) return current.id;
    current = tree.nodes[current.parentId];
  }
  return nodeId;
}

/**
 * R14: a tree whose `assigned` counts come from where licenses are used: each unit, counted at the
 * node of the user (or organization) it belongs to, is charged to that node's dedication holder.
 */
export function withChargedUsage(
  tree: AllocationTree,
  productId: string,
  unitsByNode: ReadonlyMap<string, number>,
): AllocationTree {
  const assigned = new Map<string, number>();
  for (const [nodeId, units] of unitsByNode) {
    const charged = chargedNodeOf(tree, nodeId, productId);
    assigned.set(charged, (assigned.get(charged) ?? 0) + units);
  }
  const nodes = Object.fromEntries(
    Object.values(tree.nodes).map((n) => [
      n.id,
      { ...n, assigned: { ...n.assigned, [productId]: assigned.get(n.id) ?? 0 } },
    ]),
  );
  return { nodes };
}

/**
 * R13/R14 at the moment a license is used: after the use, the consumer's dedication holder must not
 * have assigned more than its pool, so a parent's users cannot use what is dedicated to a child.
 */
export function decideDedicatedUse(
  tree: AllocationTree,
  q: { readonly consumerNodeId: string; readonly productId: string; readonly productName: string },
  nameOf: (nodeId: string) => string,
): Result<{ readonly chargedNodeId: string }> {
  const charged = chargedNodeOf(tree, q.consumerNodeId, q.productId);
  if (availableOf(tree, charged, q.productId) >= 0) return ok({ chargedNodeId: charged });
  const pool = poolOf(tree, charged, q.productId);
  const isRoot = tree.nodes[charged]?.parentId === null;
  const where = `"${nameOf(charged)}"`;
  const hint = isRoot
    ? 'the rest is dedicated to its sub-organizations'
    : 'ask an Owner or Admin of its parent organization to dedicate more';
  return quotaRefusal(
    'DEDICATION_EXHAUSTED',
    `${where} may use ${countPhrase(pool, 'license', q.productName)} and all of them are in use (${hint}); free one first.`,
    { organizationId: charged, pool },
  );
}
