import { describe, expect, it } from 'vitest';
import { availableOf } from '../../../shared/domain/allocation-tree';
import {
  chargedNodeOf,
  decideDedicatedUse,
  withChargedUsage,
} from '../../../shared/domain/dedication-charge';
import { seedTree } from './tree-fixture';

const use = (entries: [string, number][]) => withChargedUsage(seedTree(), 'kse', new Map(entries));
const names = (id: string) => id.toUpperCase();

describe('dedications where licenses are used', () => {
  it('R13 a node with no dedication draws on its nearest ancestor that holds one', () => {
    expect(chargedNodeOf(seedTree(), 'sub-a1', 'kse')).toBe('sub-a1');
    expect(chargedNodeOf(seedTree(), 'org-b', 'kse')).toBe('account');
    expect(chargedNodeOf(seedTree(), 'unknown', 'kse')).toBe('unknown');
  });

  it("R14 usage counted at users' nodes is charged to the dedication holders", () => {
    const tree = use([
      ['org-b', 2],
      ['account', 1],
      ['sub-a1', 2],
      ['org-a', 3],
    ]);
    expect(availableOf(tree, 'account', 'kse')).toBe(10 - 6 - 3);
    expect(availableOf(tree, 'org-a', 'kse')).toBe(6 - 2 - 3);
    expect(availableOf(tree, 'sub-a1', 'kse')).toBe(0);
  });

  it('R14 refuses a use that takes a node past its pool and names the node', () => {
    const over = decideDedicatedUse(
      use([['org-b', 5]]),
      { consumerNodeId: 'org-b', productId: 'kse', productName: 'KSE' },
      names,
    );
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error.code).toBe('DEDICATION_EXHAUSTED');
    expect(!over.ok && over.error.message).toContain('"ACCOUNT"');
    const within = decideDedicatedUse(
      use([['org-b', 4]]),
      { consumerNodeId: 'org-b', productId: 'kse', productName: 'KSE' },
      names,
    );
    expect(within).toEqual({ ok: true, value: { chargedNodeId: 'account' } });
  });

  it('R14 a full sub-organization does not stop its parent, and the refusal for the child says who can help', () => {
    const tree = use([['sub-a1', 3]]);
    const child = decideDedicatedUse(
      tree,
      { consumerNodeId: 'sub-a1', productId: 'kse', productName: 'KSE' },
      names,
    );
    expect(!child.ok && child.error.message).toMatch(/"SUB-A1".*parent organization to dedicate more/);
    const parent = decideDedicatedUse(
      tree,
      { consumerNodeId: 'org-a', productId: 'kse', productName: 'KSE' },
      names,
    );
    expect(parent.ok).toBe(true);
  });
});
