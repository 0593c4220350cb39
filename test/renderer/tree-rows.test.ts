import { describe, expect, it } from 'vitest';
import { treeRows } from '../../src-renderer/features/admin/org/tree-rows';

describe('organization tree rows', () => {
  it('R13 orders account, organizations and sub-organizations depth-first with their depth', () => {
    const nodes = [
      { id: 'sub', parentId: 'org' },
      { id: 'root', parentId: null },
      { id: 'org', parentId: 'root' },
      { id: 'org2', parentId: 'root' },
    ];
    expect(treeRows(nodes).map((r) => `${r.node.id}:${r.depth}`)).toEqual([
      'root:0',
      'org:1',
      'sub:2',
      'org2:1',
    ]);
  });

  it('shows a node whose parent is outside the requested subtree as a root, and never loops', () => {
    const nodes = [
      { id: 'a', parentId: 'elsewhere' },
      { id: 'b', parentId: 'a' },
    ];
    expect(treeRows(nodes).map((r) => r.depth)).toEqual([0, 1]);
  });
});
