import {
  allocationTree,
  type AllocationNode,
  type AllocationTree,
} from '../../../shared/domain/allocation-tree';
import type { Result } from '../../../shared/result';

/** Unwraps a Result in tests, failing loudly with the refusal message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A node with only KSE numbers, the product the seed examples use. */
export const node = (
  id: string,
  parentId: string | null,
  dedicated: number,
  assigned = 0,
): AllocationNode => ({
  id,
  parentId,
  dedicated: { kse: dedicated },
  assigned: { kse: assigned },
});

/** Account (10 KSE) → Org A (6) → Sub A1 (2), and Org B with nothing dedicated. */
export function seedTree(): AllocationTree {
  return must(
    allocationTree([
      node('account', null, 10),
      node('org-a', 'account', 6, 1),
      node('sub-a1', 'org-a', 2, 2),
      node('org-b', 'account', 0),
    ]),
  );
}
