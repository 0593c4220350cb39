import type { LegacyPolicy } from '../catalog/product';
import type { BillingCycle, EpochMs } from '../catalog/subscription-terms';
import type { MigrationTrigger } from './migration-timing';

/** The new term's dates and whether its legacy kinds convert, with R30's sentence. */
export interface RenewalTiming {
  readonly termStartsAt: EpochMs;
  readonly convert: boolean;
  readonly reason: string;
}

const day = (at: EpochMs): string => new Date(at).toISOString().slice(0, 10);

/**
 * R30 by the calendar: the new term starts at the contract end (an early renewal) or at the renewal
 * instant (on the due date, or late after a lapse; a manual request converts now). Monthly terms that
 * start before the grace end keep the old types; annual and multi-year contracts keep them until
 * their end, and a term starting once types are deprecated converts.
 */
export function renewalTiming(
  trigger: MigrationTrigger,
  at: EpochMs,
  contractEndsAt: EpochMs,
  billingCycle: BillingCycle,
  policy: LegacyPolicy,
): RenewalTiming {
  if (trigger === 'manual')
    return {
      termStartsAt: at,
      convert: true,
      reason: 'The organization asked to move to the new license model.',
    };
  const termStartsAt = Math.max(at, contractEndsAt);
  const start = day(termStartsAt);
  if (billingCycle === 'monthly') {
    const grace = day(policy.monthlyGraceEndsAt);
    return termStartsAt < policy.monthlyGraceEndsAt
      ? {
          termStartsAt,
          convert: false,
          reason: `Monthly renewal on ${start} is before the grace period ends (${grace}): license types and price stay.`,
        }
      : {
          termStartsAt,
          convert: true,
          reason: `Monthly renewal on ${start} is on or after the grace period end (${grace}): licenses move to the new types.`,
        };
  }
  if (termStartsAt < policy.deprecatedFrom)
    return {
      termStartsAt,
      convert: false,
      reason: `The new ${billingCycle} term starts on ${start}, before license types are deprecated (${day(policy.deprecatedFrom)}): types stay.`,
    };
  const keep =
    at < contractEndsAt
      ? ` Deprecated license types keep working until the contract ends on ${day(contractEndsAt)};`
      : '';
  return {
    termStartsAt,
    convert: true,
    reason: `The ${billingCycle} contract ends on ${day(contractEndsAt)}.${keep} the new term from ${start} holds only the new license types.`,
  };
}
