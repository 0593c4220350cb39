import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, dedicate, release } from '../../../shared/domain/allocation-ops';
import { allocationTree, childrenOf, type AllocationTree } from '../../../shared/domain/allocation-tree';
import type { Result } from '../../../shared/result';
import { must, node } from './tree-fixture';

const EDGES = [
  ['account', 'org-a'],
  ['account', 'org-b'],
  ['org-a', 'sub-a1'],
  ['org-a', 'sub-a2'],
  ['org-b', 'sub-b1'],
] as const;
const NODES = ['account', 'org-a', 'org-b', 'sub-a1', 'sub-a2', 'sub-b1'] as const;

const start = (): AllocationTree =>
  must(
    allocationTree([node('account', null, 12), ...EDGES.map(([parent, child]) => node(child, parent, 0))]),
  );

type Op = (tree: AllocationTree) => Result<AllocationTree>;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ edge: fc.constantFrom(...EDGES), count: fc.integer({ min: 0, max: 14 }) }).map(
    ({ edge, count }): Op =>
      (tree) =>
        dedicate(tree, { parentId: edge[0], childId: edge[1], productId: 'kse', count }),
  ),
  fc.record({ at: fc.constantFrom(...NODES), count: fc.integer({ min: 1, max: 4 }) }).map(
    ({ at, count }): Op =>
      (tree) =>
        assign(tree, at, 'kse', count),
  ),
  fc.record({ at: fc.constantFrom(...NODES), count: fc.integer({ min: 1, max: 4 }) }).map(
    ({ at, count }): Op =>
      (tree) =>
        release(tree, at, 'kse', count),
  ),
  // R24 transfer: remove at one node, grant at another; both must succeed or nothing changes.
  fc
    .record({ from: fc.constantFrom(...NODES), to: fc.constantFrom(...NODES) })
    .map(({ from, to }): Op => (tree) => {
      const removed = release(tree, from, 'kse');
      return removed.ok ? assign(removed.value, to, 'kse') : removed;
    }),
);

function assertSound(tree: AllocationTree): void {
  for (const current of Object.values(tree.nodes)) {
    const dedicated = current.dedicated['kse'] ?? 0;
    const assigned = current.assigned['kse'] ?? 0;
    const toChildren = childrenOf(tree, current.id).reduce(
      (sum, child) => sum + (child.dedicated['kse'] ?? 0),
      0,
    );
    expect(assigned).toBeGreaterThanOrEqual(0);
    expect(toChildren + assigned).toBeLessThanOrEqual(dedicated);
  }
}

describe('allocation tree properties', () => {
  it('R13 R14 R17 R24 no sequence of dedicate, grant, remove, transfer over-assigns a node or over-dedicates children', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let tree = start();
        for (const op of ops) {
          const next = op(tree);
          if (next.ok) tree = next.value;
          assertSound(tree);
        }
      }),
      { numRuns: 400 },
    );
  });
});
