import { sql, type RawBuilder } from 'kysely';

/**
 * The `up(id, parent_id, depth)` CTE: an organization and its ancestors, nearest first (R13), at most
 * 32 levels. The one walk up the tree behind access decisions, line lookups and the chain reads.
 */
export const upCte = (orgId: string): RawBuilder<unknown> => sql`up(id, parent_id, depth) as (
      select id, parent_id, 0 from organizations where id = ${orgId}
      union all
      select o.id, o.parent_id, up.depth + 1 from organizations o join up on o.id = up.parent_id where up.depth < 32
    )`;
