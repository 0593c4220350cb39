/** One node of an EXPLAIN (FORMAT JSON) plan: its type and the table it reads, if any. */
export interface PlanNode {
  type: string;
  relation: string | undefined;
  /** How many times the node ran (EXPLAIN ANALYZE only; undefined otherwise). */
  loops?: number | undefined;
  /** Rows the node gave per run (EXPLAIN ANALYZE only; undefined otherwise). */
  rows?: number | undefined;
  /** Rows it read and its filter dropped, per run (EXPLAIN ANALYZE; undefined when it has no filter). */
  removed?: number | undefined;
}

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first: plan tests assert which tables a statement reads. */
export function planNodes(plan: unknown): PlanNode[] {
  if (Array.isArray(plan)) return plan.flatMap(planNodes);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as {
    'Node Type'?: string;
    'Relation Name'?: string;
    'Actual Loops'?: number;
    'Actual Rows'?: number;
    'Rows Removed by Filter'?: number;
    Plan?: unknown;
    Plans?: unknown[];
  };
  if (node.Plan !== undefined) return planNodes(node.Plan);
  const own =
    node['Node Type'] === undefined
      ? []
      : [
          {
            type: node['Node Type'],
            relation: node['Relation Name'],
            loops: node['Actual Loops'],
            rows: node['Actual Rows'],
            removed: node['Rows Removed by Filter'],
          },
        ];
  return [...own, ...(node.Plans ?? []).flatMap(planNodes)];
}
