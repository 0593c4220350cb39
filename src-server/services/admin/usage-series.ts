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
 * Computed in one SQL statement over indexed ranges; nothing is loaded row by row.
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
  const interval = `1 ${q.bucket}`;
  const seatKinds = ['per-user', 'seat'];
  const rows = await sql<{ at: Date; in_use: number; quota: number }>`
    with b as (
      select g as at, g + ${interval}::interval as until
      from generate_series(${new Date(from)}::timestamptz, ${new Date(to - 1)}::timestamptz, ${interval}::interval) g
    ), lines as (
      select s.id, s.license_kind, s.quota, s.starts_at, s.ends_at, r.starts_at as replaced_at
      from subscriptions s left join subscriptions r on r.id = s.replaced_by
      where s.org_id = ${q.orgId} and s.product_id = ${q.productId}
    )
    select b.at,
      (select coalesce(sum(l.quota), 0)::int from lines l
        where l.starts_at < b.until and l.ends_at > b.at and (l.replaced_at is null or l.replaced_at > b.at)) as quota,
      ((select count(*) from seat_assignments a join lines l on l.id = a.subscription_id
         where l.license_kind in (${sql.join(seatKinds)}) and a.created_at < b.until
           and (l.replaced_at is null or l.replaced_at > b.at))
       + (select count(*) from sessions x join lines l on l.id = x.subscription_id
         where l.license_kind not in (${sql.join(seatKinds)}) and x.started_at < b.until
           and coalesce(x.ended_at, x.heartbeat_at) >= b.at))::int as in_use
    from b order by b.at`.execute(ctx.db);
  return ok({
    productId: q.productId,
    points: rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), inUse: r.in_use, quota: r.quota })),
  });
}
