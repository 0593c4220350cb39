import { fail, ok, type Result } from '../result';

/** One account or organization node with its per-product dedication and assignments (R13). */
export interface AllocationNode {
  readonly id: string;
  /** null for the account (root); the account's dedication is what it purchased. */
  readonly parentId: string | null;
  /** productId → licenses dedicated to this node. */
  readonly dedicated: Readonly<Record<string, number>>;
  /** productId → licenses assigned to users (or machines) at this node. */
  readonly assigned: Readonly<Record<string, number>>;
}

/** Account → organizations → sub-organizations, keyed by node id (R13). Immutable: operations copy. */
export interface AllocationTree {
  readonly nodes: Readonly<Record<string, AllocationNode>>;
}

/** Builds a tree from rows, refusing dangling parents or cycles so later arithmetic can trust it. */
export function allocationTree(rows: readonly AllocationNode[]): Result<AllocationTree> {
  const nodes: Record<string, AllocationNode> = {};
  for (const row of rows) nodes[row.id] = row;
  for (const row of rows) {
    const seen = new Set<string>([row.id]);
    let parent = row.parentId;
    while (parent !== null) {
      const next = nodes[parent];
      if (!next)
        return fail('UNKNOWN_ORGANIZATION', `Organization "${row.id}" has an unknown parent "${parent}".`);
      if (seen.has(parent)) return fail('VALIDATION_FAILED', `Organization "${row.id}" is its own ancestor.`);
      seen.add(parent);
      parent = next.parentId;
    }
  }
  return ok({ nodes });
}

/** Finds a node, with the refusal every tree operation shares. */
export function nodeOf(tree: AllocationTree, nodeId: string): Result<AllocationNode> {
  const node = tree.nodes[nodeId];
  return node ? ok(node) : fail('UNKNOWN_ORGANIZATION', `There is no organization "${nodeId}".`, { nodeId });
}

/** Direct sub-organizations of a node: only these reduce its pool (R14). */
export function childrenOf(tree: AllocationTree, nodeId: string): readonly AllocationNode[] {
  return Object.values(tree.nodes).filter((node) => node.parentId === nodeId);
}

/** Licenses of a product dedicated to a node (0 when none). */
export function dedicatedOf(tree: AllocationTree, nodeId: string, productId: string): number {
  return tree.nodes[nodeId]?.dedicated[productId] ?? 0;
}

/** Licenses of a product assigned at a node (0 when none). */
export function assignedOf(tree: AllocationTree, nodeId: string, productId: string): number {
  return tree.nodes[nodeId]?.assigned[productId] ?? 0;
}

/** R14 Pool = Dedicated − Σ dedicated to direct children (= Dedicated when there are none). */
export function poolOf(tree: AllocationTree, nodeId: string, productId: string): number {
  const toChildren = childrenOf(tree, nodeId).reduce(
    (sum, child) => sum + (child.dedicated[productId] ?? 0),
    0,
  );
  return dedicatedOf(tree, nodeId, productId) - toChildren;
}

/** R14 Available = Pool − assigned at the node: what can still be granted here. */
export function availableOf(tree: AllocationTree, nodeId: string, productId: string): number {
  return poolOf(tree, nodeId, productId) - assignedOf(tree, nodeId, productId);
}

/** What a node already uses of its dedication: its children's dedications plus its own assignments. */
export function usedOf(tree: AllocationTree, nodeId: string, productId: string): number {
  return dedicatedOf(tree, nodeId, productId) - availableOf(tree, nodeId, productId);
}
