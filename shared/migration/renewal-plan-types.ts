import type { LegacyPolicy, LicenseKind, Product } from '../catalog/product';
import type { BillingCycle, EpochMs } from '../catalog/subscription-terms';
import type { MigrationTrigger } from './migration-timing';
import type { MigrationUser } from './per-user-priority';
import type { KindCount } from './plan-migration';

/** One subscription line of the term being renewed, as the planner sees it. */
export interface RenewalLine {
  readonly id: string;
  readonly kind: LicenseKind;
  readonly count: number;
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
}

/** Everything a renewal decision depends on; the server gathers it, the planner decides (R28–R30). */
export interface RenewalFacts {
  readonly product: Product;
  readonly policy: LegacyPolicy;
  readonly trigger: MigrationTrigger;
  /** The instant the renewal is dated (an order's due instant, or now). */
  readonly at: EpochMs;
  readonly billingCycle: BillingCycle;
  /** The lines of the one contract term being renewed (they end together). */
  readonly lines: readonly RenewalLine[];
  /** Other lines of the organization for the same product, for the R27 coexistence check. */
  readonly others: readonly Omit<RenewalLine, 'id' | 'count'>[];
  readonly newEndsAt: EpochMs;
  /** The licence count billing decided for the new term; null keeps the counts (R29: they add up). */
  readonly quantity: number | null;
  readonly users: readonly MigrationUser[];
  /** Users holding a per-User license on the renewed lines today. */
  readonly seatHolders: readonly string[];
}

/** Which rule decided a line or a grant; null when the line holds no deprecated type. */
export type DecidingRule = 'R28' | 'R29' | 'R30' | null;

/** A line of the new term: an extended existing line or a new one that converts the old kinds. */
export interface PlannedLine {
  readonly kind: LicenseKind;
  readonly count: number;
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
  readonly mode: 'extend' | 'new';
  readonly sourceIds: readonly string[];
  readonly from: readonly KindCount[];
  readonly rule: DecidingRule;
  readonly reason: string;
}

/** A per-User license in the new term: who, their R28 rank and why. */
export interface PlannedGrant {
  readonly userId: string;
  readonly rank: number;
  readonly reason: string;
}

/** A holder who loses their per-User license because the quantity went down (R28 priority). */
export interface PlannedRelease {
  readonly userId: string;
  readonly reason: string;
}

/** The one plan preview shows and apply executes. */
export interface RenewalPlan {
  readonly trigger: MigrationTrigger;
  readonly at: EpochMs;
  readonly contractEndsAt: EpochMs;
  readonly termStartsAt: EpochMs;
  readonly termEndsAt: EpochMs;
  readonly convert: boolean;
  /** R30's sentence: why the types stay or convert at this date. */
  readonly reason: string;
  readonly lines: readonly PlannedLine[];
  /** Old lines replaced at `at`; null when they keep running until their own end (R30). */
  readonly retire: { readonly ids: readonly string[]; readonly at: EpochMs } | null;
  readonly grants: readonly PlannedGrant[];
  readonly released: readonly PlannedRelease[];
  /** Per-User licenses left for an Owner or Admin to grant. */
  readonly unassigned: number;
}
