import type { UsageQuery, UsageSeries } from '../../../shared/contracts/http/admin-org';
import { bucketUse } from '../../../shared/domain/concurrent-use';
import { bucketStarts, isTimeZone } from '../../../shared/domain/local-buckets';
import { fail, ok, type Result } from '../../../shared/result';
import { nowUse, usedNow } from '../../repositories/chart-lines';
import { usageLine } from '../../repositories/line-units';
import { sweepUsageBeside } from '../../repositories/usage-sweep';
import type { LicensingContext } from '../context';
import { holderOf, managedChain } from './access';

/** A chart wider than this is refused rather than computed: the client should pick a coarser bucket. */
const MAX_BUCKETS = 2_000;

/**
 * Utilization per bucket for one product: peak and average concurrent use (shared/domain/
 * concurrent-use.ts, the holders line-units.ts counts now, swept in SQL by usage-sweep.ts) against the
 * quota of the lines then running, in buckets starting at the viewer's hours or midnights; `now` is
 * License Management's count (`usedLicenses`, the count every check compares to the quota), read in
 * the sweep's first statement (chart-lines.ts); the lines come with the caller's role (line-chain.ts).
 * A sub-organization without its own lines charts the subscription it draws on (R13), as its License
 * Management's Subscription Details do.
 */
export async function usageSeries(
  ctx: LicensingContext,
  q: UsageQuery & { userId: string; orgId: string; productId: string },
): Promise<Result<UsageSeries>> {
  const [from, to, now] = [Date.parse(q.from), Date.parse(q.to), ctx.now()];
  const managed = await managedChain(ctx.db, { ...q, now, action: 'see usage', everyLine: true });
  if (!managed.ok) return managed;
  const timeZone = q.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone))
    return fail('VALIDATION_FAILED', `"${timeZone}" is not a time zone name such as Europe/Berlin.`);
  if (!(from < to)) return fail('VALIDATION_FAILED', 'The start of the range must come before its end.');
  const starts = bucketStarts({ from, to, size: q.bucket, timeZone }, MAX_BUCKETS + 1);
  if (starts.length > MAX_BUCKETS)
    return fail(
      'VALIDATION_FAILED',
      `That range has more than ${MAX_BUCKETS} ${q.bucket}s; choose a wider bucket.`,
    );
  const product = ctx.catalog.products.find((p) => p.id === q.productId) ?? { offline: null };
  const drawn = holderOf(managed.value.chain);
  // Every line the holder has had (R13: a sub-organization charts the lines it draws on; with none
  // running anywhere, the organization's own past lines).
  const holderLink = managed.value.chain.find((l) => l.id === (drawn.holder?.id ?? q.orgId));
  const lines = holderLink?.everyLine ?? [];
  const running = drawn.lines.map((l) => usageLine(l, product));
  const ttlSeconds = ctx.config.sessionTtlSeconds;
  const swept = await sweepUsageBeside(
    ctx.db,
    lines.map((l) => usageLine({ id: l.id, kind: l.license_kind }, product)),
    { starts, end: to, now, ttlSeconds },
    nowUse(running, now, ttlSeconds),
  );
  const quotaAt = (at: number, until: number) =>
    lines
      .filter((l) => l.starts_at.getTime() < until && l.ends_at.getTime() > at)
      .filter((l) => l.replaced_at === null || l.replaced_at.getTime() > at)
      .reduce((sum, l) => sum + l.quota, 0);
  const points = swept.buckets.map((b, i) => {
    const until = Math.min(starts[i + 1] ?? to, to);
    const use = bucketUse({ ...b, until });
    return {
      at: new Date(use.at).toISOString(),
      peak: use.peak,
      average: use.average,
      quota: quotaAt(use.at, starts[i + 1] ?? to),
    };
  });
  const quota = drawn.lines.reduce((sum, l) => sum + l.quota, 0);
  return ok({ productId: q.productId, points, now: { used: usedNow(running, swept.beside), quota } });
}
