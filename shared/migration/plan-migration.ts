import type { LegacyPolicy, LicenseKind, Product } from '../catalog/product';
import type { BillingCycle, EpochMs } from '../catalog/subscription-terms';
import { migrationTiming, type MigrationTrigger } from './migration-timing';
import { rankPerUserGrants, type MigrationGrant, type MigrationUser } from './per-user-priority';

/** How many licenses of one kind a subscription holds. */
export interface KindCount {
  readonly kind: LicenseKind;
  readonly count: number;
}

/** Everything the planner needs; dates come from configuration (R30), instants in epoch ms. */
export interface MigrationInput {
  readonly product: Product;
  readonly trigger: MigrationTrigger;
  readonly at: EpochMs;
  readonly billingCycle: BillingCycle;
  readonly contractEndsAt: EpochMs;
  readonly policy: LegacyPolicy;
  readonly holdings: readonly KindCount[];
  readonly users: readonly MigrationUser[];
}

/** Keep the current kinds, or convert to `holdings` and hand out per-User licenses in `grants`. */
export type MigrationPlan =
  | { readonly action: 'keep'; readonly reason: string; readonly holdings: readonly KindCount[] }
  | {
      readonly action: 'convert';
      readonly reason: string;
      readonly holdings: readonly KindCount[];
      readonly grants: readonly MigrationGrant[];
      /** Per-User licenses left for an admin to grant (fewer eligible users than licenses). */
      readonly unassigned: number;
    };

function converted(product: Product, holdings: readonly KindCount[]): KindCount[] {
  const totals = new Map<LicenseKind, number>();
  for (const { kind, count } of holdings) {
    const target = product.deprecatedKinds[kind] ?? kind;
    totals.set(target, (totals.get(target) ?? 0) + count);
  }
  return [...totals].map(([kind, count]) => ({ kind, count }));
}

/** R28–R30: decides whether legacy licenses convert now, into what (counts add up), and who gets per-User ones. */
export function planMigration(input: MigrationInput): MigrationPlan {
  const { product, holdings } = input;
  const legacy = holdings.filter((h) => product.deprecatedKinds[h.kind] !== undefined && h.count > 0);
  if (legacy.length === 0) {
    return { action: 'keep', reason: `${product.name} holds no deprecated license types.`, holdings };
  }
  const timing = migrationTiming(
    input.trigger,
    input.at,
    input.billingCycle,
    input.contractEndsAt,
    input.policy,
  );
  if (!timing.convert) return { action: 'keep', reason: timing.reason, holdings };
  const perUser = legacy
    .filter((h) => product.deprecatedKinds[h.kind] === 'per-user')
    .reduce((sum, h) => sum + h.count, 0);
  const grants = rankPerUserGrants(input.users, perUser);
  return {
    action: 'convert',
    reason: timing.reason,
    holdings: converted(product, holdings),
    grants,
    unassigned: perUser - grants.length,
  };
}
