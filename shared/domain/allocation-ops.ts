import { fail, ok, type Result } from '../result';
import { countPhrase } from './count-phrase';
import { quotaRefusal } from './quota';
import {
  assignedOf,
  availableOf,
  dedicatedOf,
  nodeOf,
  usedOf,
  type AllocationNode,
  type AllocationTree,
} from './allocation-tree';

/** A dedication request: set the child's dedication of one product to `count` (not an increment). */
export interface Dedication {
  readonly parentId: string;
  readonly childId: string;
  readonly productId: string;
  readonly count: number;
}

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const countError = (n: number) =>
  fail('VALIDATION_FAILED', `A license count must be a whole number ≥ 0, not ${n}.`);

function withNode(tree: AllocationTree, node: AllocationNode): AllocationTree {
  return { nodes: { ...tree.nodes, [node.id]: node } };
}

/**
 * R13/R14: dedicates licenses from a parent to a direct child; never more than the parent can spare.
 * `nameOf` turns node ids into the names refusals show (the server passes organization names).
 */
export function dedicate(
  tree: AllocationTree,
  request: Dedication,
  nameOf: (nodeId: string) => string = (nodeId) => nodeId,
): Result<AllocationTree> {
  const { parentId, childId, productId, count } = request;
  if (!isCount(count)) return countError(count);
  const parent = nodeOf(tree, parentId);
  if (!parent.ok) return parent;
  const child = nodeOf(tree, childId);
  if (!child.ok) return child;
  if (child.value.parentId !== parentId) {
    return fail(
      'VALIDATION_FAILED',
      `"${nameOf(childId)}" is not a direct sub-organization of "${nameOf(parentId)}".`,
    );
  }
  const current = dedicatedOf(tree, childId, productId);
  const spare = availableOf(tree, parentId, productId) + current;
  if (count > spare) {
    return quotaRefusal(
      'DEDICATION_EXCEEDS_POOL',
      `"${nameOf(parentId)}" can dedicate at most ${countPhrase(spare, 'license', productId)} to "${nameOf(childId)}", not ${count}.`,
      { spare, requested: count },
    );
  }
  const inUse = usedOf(tree, childId, productId);
  if (count < inUse) {
    return fail(
      'DEDICATION_BELOW_ASSIGNED',
      `"${nameOf(childId)}" already uses ${countPhrase(inUse, 'license', productId)}; remove some before lowering its dedication to ${count}.`,
      { inUse, requested: count },
    );
  }
  return ok(withNode(tree, { ...child.value, dedicated: { ...child.value.dedicated, [productId]: count } }));
}

function changeAssigned(
  tree: AllocationTree,
  nodeId: string,
  productId: string,
  delta: number,
): Result<AllocationTree> {
  const node = nodeOf(tree, nodeId);
  if (!node.ok) return node;
  const assigned = assignedOf(tree, nodeId, productId) + delta;
  return ok(withNode(tree, { ...node.value, assigned: { ...node.value.assigned, [productId]: assigned } }));
}

/** Assigns licenses at a node (a grant, R17) only while the node has them available (R14). */
export function assign(
  tree: AllocationTree,
  nodeId: string,
  productId: string,
  count = 1,
): Result<AllocationTree> {
  if (!isCount(count)) return countError(count);
  const available = availableOf(tree, nodeId, productId);
  if (count > available) return quotaRefusal('LICENSE_QUOTA_EXCEEDED', '', { available, requested: count });
  return changeAssigned(tree, nodeId, productId, count);
}

/** Releases assigned licenses at a node (a removal, R23); refuses to release more than assigned. */
export function release(
  tree: AllocationTree,
  nodeId: string,
  productId: string,
  count = 1,
): Result<AllocationTree> {
  if (!isCount(count)) return countError(count);
  const assigned = assignedOf(tree, nodeId, productId);
  if (count > assigned) {
    return fail(
      'NOT_LICENSED',
      `"${nodeId}" has only ${countPhrase(assigned, 'license', productId)} assigned, not ${count}.`,
    );
  }
  return changeAssigned(tree, nodeId, productId, -count);
}
