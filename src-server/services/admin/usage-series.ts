import { sql } from 'kysely';
import type { UsageQuery, UsageSeries } from '../../../shared/contracts/http/admin-org';
import { fail, ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { requireManagerIn } from './access';

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;
/** A chart wider than this is refused rather than computed: the client should pick a coarser bucket. */
const MAX_BUCKETS = 2_000;

/**
 * Utilization per bucket for one product: seats held (seat and per-User lines) plus sessions that ran
 * in the bucket (session, floating, node-locked lines), against the quota of the lines then running.
 * Computed in one SQL statement: the sessions of the range are read once through the subscription index
 * (`ran`) and turned into per-bucket deltas, so 100,000 sessions cost one pass, not one per bucket.
 */
export async function usageSeries(
  ctx: LicensingContext,
  q: UsageQuery & { userId: string; orgId: string; productId: string },
): Promise<Result<UsageSeries>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'see usage');
  if (!role.ok) return role;
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const step = BUCKET_MS[q.bucket];
  if (!(from < to)) return fail('VALIDATION_FAILED', 'The start of the range must come before its end.');
  if ((to - from) / step > MAX_BUCKETS)
    return fail(
      'VALIDATION_FAILED',
      `That range has more than ${MAX_BUCKETS} ${q.bucket}s; choose a wider bucket.`,
    );
  const count = Math.ceil((to - from) / step);
  const [f, sz] = [from / 1000, step / 1000];
  const seatKinds = ['per-user', 'seat'];
  // Sessions: +1 at the bucket a session starts in, −1 after the bucket it was last heard in, summed
  // over buckets: one pass over the range's sessions however many buckets the chart has.
  const rows = await sql<{ at: Date; in_use: number; quota: number }>`
    with b as (
      select i, to_timestamp(${f}::float8 + i * ${sz}::float8) as at, to_timestamp(${f}::float8 + (i + 1) * ${sz}::float8) as until
      from generate_series(0, ${count - 1}::int) i
    ), lines as (
      select s.id, s.license_kind, s.quota, s.starts_at, s.ends_at, r.starts_at as replaced_at
      from subscriptions s left join subscriptions r on r.id = s.replaced_by
      where s.org_id = ${q.orgId} and s.product_id = ${q.productId}
    ), ran as materialized (
      select greatest(0, floor((extract(epoch from x.started_at) - ${f}::float8) / ${sz}::float8))::int as first_i,
        floor((extract(epoch from coalesce(x.ended_at, x.heartbeat_at)) - ${f}::float8) / ${sz}::float8)::int as last_i
      from sessions x
      where x.subscription_id = any(array(select id from lines where license_kind not in (${sql.join(seatKinds)})))
        and x.started_at < to_timestamp(${f + count * sz}::float8) and coalesce(x.ended_at, x.heartbeat_at) >= ${new Date(from)}
    ), delta as (
      select first_i as i, count(*) as d from ran group by first_i
      union all
      select last_i + 1, -count(*) from ran group by last_i
    )
    select b.at,
      (select coalesce(sum(l.quota), 0)::int from lines l
        where l.starts_at < b.until and l.ends_at > b.at and (l.replaced_at is null or l.replaced_at > b.at)) as quota,
      ((select count(*) from seat_assignments a join lines l on l.id = a.subscription_id
         where l.license_kind in (${sql.join(seatKinds)}) and a.created_at < b.until
           and (l.replaced_at is null or l.replaced_at > b.at))
       + (select coalesce(sum(d), 0) from delta where delta.i <= b.i))::int as in_use
    from b order by b.at`.execute(ctx.db);
  return ok({
    productId: q.productId,
    points: rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), inUse: r.in_use, quota: r.quota })),
  });
}
