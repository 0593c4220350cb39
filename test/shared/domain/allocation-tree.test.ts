import { describe, expect, it } from 'vitest';
import { assign, dedicate, release } from '../../../shared/domain/allocation-ops';
import { allocationTree, availableOf, poolOf } from '../../../shared/domain/allocation-tree';
import { must, node, seedTree } from './tree-fixture';

describe('allocation tree', () => {
  it('R14 pool equals dedicated when no sub-organization has a dedication (seed 000)', () => {
    const tree = seedTree();
    expect(poolOf(tree, 'sub-a1', 'kse')).toBe(2);
    expect(poolOf(tree, 'org-b', 'kse')).toBe(0);
  });

  it('R14 pool = dedicated − sum dedicated to DIRECT sub-organizations only', () => {
    const tree = seedTree();
    expect(poolOf(tree, 'account', 'kse')).toBe(10 - 6 - 0);
    expect(poolOf(tree, 'org-a', 'kse')).toBe(6 - 2);
  });

  it('R14 available = pool − assigned at the node', () => {
    const tree = seedTree();
    expect(availableOf(tree, 'org-a', 'kse')).toBe(4 - 1);
    expect(availableOf(tree, 'sub-a1', 'kse')).toBe(0);
    expect(availableOf(tree, 'account', 'kse')).toBe(4);
  });

  it('R13 licenses not dedicated stay usable at the account level', () => {
    const tree = must(assign(seedTree(), 'account', 'kse', 4));
    expect(availableOf(tree, 'account', 'kse')).toBe(0);
    expect(assign(tree, 'account', 'kse').ok).toBe(false);
  });

  it('R13 a node dedicates further to a sub-organization, which then grants', () => {
    let tree = must(
      dedicate(seedTree(), { parentId: 'account', childId: 'org-b', productId: 'kse', count: 3 }),
    );
    tree = must(assign(tree, 'org-b', 'kse', 3));
    expect(poolOf(tree, 'account', 'kse')).toBe(1);
    expect(availableOf(tree, 'org-b', 'kse')).toBe(0);
  });

  it('R14 refuses dedicating more than the parent can spare', () => {
    const result = dedicate(seedTree(), {
      parentId: 'account',
      childId: 'org-b',
      productId: 'kse',
      count: 5,
    });
    expect(!result.ok && result.error.code).toBe('DEDICATION_EXCEEDS_POOL');
    expect(!result.ok && result.error.message).toContain('at most 4');
  });

  it('R14 raising an existing dedication counts what the child already has', () => {
    const result = dedicate(seedTree(), { parentId: 'org-a', childId: 'sub-a1', productId: 'kse', count: 5 });
    expect(result.ok).toBe(true);
    expect(
      dedicate(seedTree(), { parentId: 'org-a', childId: 'sub-a1', productId: 'kse', count: 6 }).ok,
    ).toBe(false);
  });

  it('R14 refuses lowering a dedication below what the child already uses', () => {
    const result = dedicate(seedTree(), { parentId: 'org-a', childId: 'sub-a1', productId: 'kse', count: 1 });
    expect(!result.ok && result.error.code).toBe('DEDICATION_BELOW_ASSIGNED');
  });

  it('R13 dedicates only to a direct sub-organization', () => {
    const result = dedicate(seedTree(), {
      parentId: 'account',
      childId: 'sub-a1',
      productId: 'kse',
      count: 1,
    });
    expect(!result.ok && result.error.code).toBe('VALIDATION_FAILED');
  });

  it('R23 releasing frees the license and never goes below zero', () => {
    const tree = must(release(seedTree(), 'org-a', 'kse'));
    expect(availableOf(tree, 'org-a', 'kse')).toBe(4);
    expect(release(tree, 'org-a', 'kse').ok).toBe(false);
  });

  it('refuses unknown nodes, negative counts, dangling parents and cycles', () => {
    expect(assign(seedTree(), 'nope', 'kse').ok).toBe(false);
    expect(assign(seedTree(), 'org-a', 'kse', -1).ok).toBe(false);
    expect(allocationTree([node('a', 'ghost', 1)]).ok).toBe(false);
    expect(allocationTree([node('a', 'b', 1), node('b', 'a', 1)]).ok).toBe(false);
  });
});
