import { randomUUID } from 'node:crypto';
import type { LicensingContext } from '../../../src-server/services/context';
import { seedOrg, seedSubscription, type SeededUser } from '../../support/seed';

/** A legacy organization for the R28–R30 calendar: its lines and its users in R28 priority order. */
export interface LegacyOrg {
  readonly orgId: string;
  readonly subscriptionId: string;
  /** Users as R28 ranks them: the offline floating holder, then last active, most recent first. */
  readonly ranked: readonly SeededUser[];
}

const at = (iso: string): Date => new Date(iso);

/** Records a finished session of `user` whose last heartbeat was `lastSeen` (R28's "last seen active"). */
async function seenActive(
  ctx: LicensingContext,
  orgId: string,
  subId: string,
  userId: string,
  lastSeen: Date,
) {
  const machine = await ctx.db
    .insertInto('machines')
    .values({
      org_id: orgId,
      machine_id: `M-${randomUUID()}`,
      component_hashes: JSON.stringify({}),
      virtualization: 'unknown',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('sessions')
    .values({
      subscription_id: subId,
      machine_ref: machine.id,
      user_id: userId,
      started_at: new Date(lastSeen.getTime() - 3_600_000),
      heartbeat_at: lastSeen,
      ended_at: lastSeen,
      end_reason: 'test',
    })
    .execute();
}

/**
 * KSE: 3 floating licenses, 5 users — one holds an offline floating license (seen long ago), three were
 * active on different days, one never (seed 004 case 1). KRE: 2 node-locked + 3 floating (R29).
 */
export async function legacyOrg(
  ctx: LicensingContext,
  product: 'kse' | 'kre',
  billingCycle: 'monthly' | 'annual' | 'multi-year',
  endsAt: string,
): Promise<LegacyOrg> {
  const org = await seedOrg(ctx, `Legacy ${product}`);
  const end = at(endsAt);
  if (product === 'kre') {
    const subscriptionId = await seedSubscription(ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
      billingCycle,
      endsAt: end,
    });
    await seedSubscription(ctx, org.orgId, {
      productId: 'kre',
      kind: 'floating',
      quota: 3,
      billingCycle,
      endsAt: end,
    });
    return { orgId: org.orgId, subscriptionId, ranked: [] };
  }
  const subscriptionId = await seedSubscription(ctx, org.orgId, {
    productId: 'kse',
    kind: 'floating',
    quota: 3,
    billingCycle,
    endsAt: end,
  });
  const [extra1, extra2] = [await org.addUser('member', 'e1'), await org.addUser('member', 'e2')];
  const offline = org.member;
  await ctx.db
    .insertInto('offline_licenses')
    .values({
      subscription_id: subscriptionId,
      org_id: org.orgId,
      product_id: 'kse',
      machine_id: 'OFFLINE-1',
      user_id: offline.userId,
      created_by: org.admin.userId,
      file_name: 'kse.lic',
      content: 'test',
      expires_at: at('2035-01-01T00:00:00Z'),
    })
    .execute();
  const first = end.getTime() - 40 * 86_400_000;
  await seenActive(ctx, org.orgId, subscriptionId, offline.userId, new Date(first - 300 * 86_400_000));
  await seenActive(ctx, org.orgId, subscriptionId, extra1.userId, new Date(first - 86_400_000));
  await seenActive(ctx, org.orgId, subscriptionId, org.admin.userId, new Date(first));
  await seenActive(ctx, org.orgId, subscriptionId, org.owner.userId, new Date(first - 2 * 86_400_000));
  // extra2 was never seen active.
  void extra2;
  return { orgId: org.orgId, subscriptionId, ranked: [offline, org.admin, extra1, org.owner] };
}

/** The organization's lines running at `instant` (kind → count), as a customer would see them then. */
export async function linesAt(ctx: LicensingContext, orgId: string, instant: string) {
  const t = at(instant);
  const rows = await ctx.db
    .selectFrom('subscriptions')
    .select(['id', 'license_kind', 'quota'])
    .where('org_id', '=', orgId)
    .where('replaced_by', 'is', null)
    .where('starts_at', '<=', t)
    .where('ends_at', '>', t)
    .orderBy('license_kind')
    .execute();
  return rows;
}

/** Users holding a per-User license on the organization's lines running at `instant`. */
export async function perUserHoldersAt(
  ctx: LicensingContext,
  orgId: string,
  instant: string,
): Promise<string[]> {
  const ids = (await linesAt(ctx, orgId, instant))
    .filter((l) => l.license_kind === 'per-user')
    .map((l) => l.id);
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('seat_assignments')
    .select('user_id')
    .where('subscription_id', 'in', ids)
    .execute();
  return rows.map((r) => r.user_id).sort();
}
