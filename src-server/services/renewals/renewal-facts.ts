import type { Kysely } from 'kysely';
import { findProduct } from '../../../shared/catalog/find-product';
import type { Catalog } from '../../../shared/catalog/product';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import type { MigrationTrigger } from '../../../shared/migration/migration-timing';
import type { RenewalFacts } from '../../../shared/migration/renewal-plan-types';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import { migrationUsers } from '../../repositories/migration-users';
import { currentTermLine } from './term-line';

const DAY = 86_400_000;

/** What a renewal of one subscription asks for; the planner turns it into a plan. */
export interface RenewalAsk {
  readonly subscriptionId: string;
  readonly endsAt: Date;
  readonly quantity: number | null;
  readonly trigger: MigrationTrigger;
  readonly at: number;
}

/** The facts plus what apply needs besides the plan: the organization and the lines' machine quota. */
export interface GatheredFacts {
  readonly orgId: string;
  readonly productId: string;
  readonly machineQuota: number;
  readonly facts: RenewalFacts;
}

/**
 * Gathers the facts of one renewal (and locks the renewed lines `FOR UPDATE` inside a transaction):
 * the current term of the subscription (following replacements and earlier renewals), the lines that
 * end with it, the organization's other lines (R27), members' R28 facts and per-User holders.
 */
export async function gatherRenewalFacts(
  db: Kysely<Database>,
  catalog: Catalog,
  ask: RenewalAsk,
): Promise<Result<GatheredFacts>> {
  const anchor = await currentTermLine(db, ask.subscriptionId);
  if (anchor === undefined) return fail('NOT_FOUND', 'There is no subscription with that id.');
  const product = findProduct(catalog, anchor.product_id);
  if (!product.ok) return product;
  const all = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('org_id', '=', anchor.org_id)
    .where('product_id', '=', anchor.product_id)
    .where('replaced_by', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  const at = new Date(ask.at);
  const inTerm =
    ask.trigger === 'manual'
      ? (l: (typeof all)[number]) => l.starts_at <= at && l.ends_at > at
      : (l: (typeof all)[number]) =>
          Math.abs(l.ends_at.getTime() - anchor.ends_at.getTime()) < DAY && l.starts_at < anchor.ends_at;
  const lines = all.filter(inTerm);
  const ids = lines.map((l) => l.id);
  const holders = ids.length
    ? await db.selectFrom('seat_assignments').select('user_id').where('subscription_id', 'in', ids).execute()
    : [];
  const toLine = (l: (typeof all)[number]) => ({
    kind: LicenseKindSchema.parse(l.license_kind),
    startsAt: l.starts_at.getTime(),
    endsAt: l.ends_at.getTime(),
  });
  return ok({
    orgId: anchor.org_id,
    productId: anchor.product_id,
    machineQuota: lines.reduce((n, l) => n + l.machine_quota, 0),
    facts: {
      product: product.value,
      policy: catalog.legacyPolicy,
      trigger: ask.trigger,
      at: ask.at,
      billingCycle: anchor.billing_cycle,
      lines: lines.map((l) => ({ id: l.id, count: l.quota, ...toLine(l) })),
      others: all.filter((l) => !ids.includes(l.id)).map(toLine),
      newEndsAt: ask.endsAt.getTime(),
      quantity: ask.quantity,
      users: await migrationUsers(db, anchor.org_id, anchor.product_id, ask.at),
      seatHolders: holders.map((h) => h.user_id),
    },
  });
}
