import { sql, type Kysely, type RawBuilder } from 'kysely';
import { keptPlan } from '../db/kept-plans';
import type { Database } from '../db/schema';
import { upCte } from './org-ancestry';

// R13–R16 in one statement: an organization and its ancestors (nearest first) with the caller's role
// in each and each one's running lines of a product. Every License Management read needs all three
// (who may look, whose lines they are, which lines run), and on PostgreSQL each statement is a round
// trip: reading them together replaced the role walk, the name walk and one line read per ancestor.

/** One running subscription line of a product in an organization. */
export interface CurrentLine {
  readonly id: string;
  readonly kind: Database['subscriptions']['license_kind'];
  readonly quota: number;
  readonly machineQuota: number;
  readonly billingCycle: Database['subscriptions']['billing_cycle'];
  readonly endsAt: Date;
}

/** R16: a line runs at `now` when it is not replaced, has started and has not ended. */
export const runsAt = (alias: string, now: number): RawBuilder<boolean> => {
  const at = new Date(now);
  return sql<boolean>`(${sql.ref(`${alias}.replaced_by`)} is null and ${sql.ref(`${alias}.starts_at`)} <= ${at}
    and ${sql.ref(`${alias}.ends_at`)} > ${at})`;
};

/** The subscription columns a CurrentLine is made of, as read. */
interface LineRow {
  id: string;
  license_kind: Database['subscriptions']['license_kind'];
  quota: number;
  machine_quota: number;
  billing_cycle: Database['subscriptions']['billing_cycle'];
  ends_at: Date;
}

/** A subscription row as a CurrentLine. */
export const currentLine = (r: LineRow): CurrentLine => ({
  id: r.id,
  kind: r.license_kind,
  quota: r.quota,
  machineQuota: r.machine_quota,
  billingCycle: r.billing_cycle,
  endsAt: r.ends_at,
});

/** A line of the product at any time, running or not: the utilization chart draws its quota from its start to its end or replacement. */
export interface LineSpan {
  readonly id: string;
  readonly license_kind: Database['subscriptions']['license_kind'];
  readonly quota: number;
  readonly starts_at: Date;
  readonly ends_at: Date;
  readonly replaced_at: Date | null;
}

/** One organization of the chain: its name, the caller's role there (if any) and its running lines. */
export interface ChainLink {
  readonly id: string;
  readonly name: string;
  readonly role: string | null;
  readonly lines: CurrentLine[];
  /** Every line of the product the organization has had, when asked for (`everyLine`). */
  readonly everyLine: LineSpan[];
}

/** One row per organization of the chain and line (line columns null when it has none). */
type ChainRow = {
  id: string;
  name: string;
  role: string | null;
  line_id: string | null;
  runs: boolean | null;
  starts_at: Date | null;
  replaced_at: Date | null;
} & {
  [K in Exclude<keyof LineRow, 'id'>]: LineRow[K] | null;
};

/**
 * The organization and its ancestors, target first ([] when it does not exist), each with `userId`'s
 * membership role there and its lines of `productId` that run at `now` (not replaced, started, not
 * ended), newest end first — the order activations draw from. With `everyLine`, each link also lists
 * every line of the product it has had (the chart's quotas over time), read in the same statement.
 */
export async function lineChain(
  db: Kysely<Database>,
  q: { userId: string | null; orgId: string; productId: string; now: number; everyLine?: boolean },
): Promise<ChainLink[]> {
  const every = q.everyLine === true;
  const rows = await keptPlan(sql<ChainRow>`
    with recursive ${upCte(q.orgId)}
    select up.id, org.name, m.role, s.id as line_id, s.license_kind, s.quota, s.machine_quota,
      s.billing_cycle, s.ends_at, ${every ? runsAt('s', q.now) : sql`true`} as runs,
      s.starts_at, ${every ? sql`r.starts_at` : sql`null::timestamptz`} as replaced_at
    from up join organizations org on org.id = up.id
    left join memberships m on m.org_id = up.id and m.user_id = ${q.userId}
    left join subscriptions s on s.org_id = up.id and s.product_id = ${q.productId}
      and ${every ? sql`true` : runsAt('s', q.now)}
    ${every ? sql`left join subscriptions r on r.id = s.replaced_by` : sql``}
    order by up.depth, s.ends_at desc, s.id`).execute(db);
  const links: ChainLink[] = [];
  for (const r of rows.rows) {
    const last = links.at(-1);
    const link =
      last?.id === r.id ? last : { id: r.id, name: r.name, role: r.role, lines: [], everyLine: [] };
    if (link !== last) links.push(link);
    const { line_id, license_kind, quota, machine_quota, billing_cycle, ends_at, starts_at } = r;
    if (
      line_id === null ||
      license_kind === null ||
      quota === null ||
      machine_quota === null ||
      billing_cycle === null ||
      ends_at === null ||
      starts_at === null
    )
      continue;
    if (r.runs === true)
      link.lines.push(
        currentLine({ id: line_id, license_kind, quota, machine_quota, billing_cycle, ends_at }),
      );
    if (every)
      link.everyLine.push({
        id: line_id,
        license_kind,
        quota,
        starts_at,
        ends_at,
        replaced_at: r.replaced_at,
      });
  }
  return links;
}
