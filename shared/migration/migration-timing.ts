import type { LegacyPolicy } from '../catalog/product';
import type { BillingCycle, EpochMs } from '../catalog/subscription-terms';

/** Whether legacy kinds convert now, with the sentence the audit log and the admin preview show. */
export interface MigrationTiming {
  readonly convert: boolean;
  readonly reason: string;
}

/** When a migration is considered: at an automatic renewal, or on the customer's request (R28). */
export type MigrationTrigger = 'renewal' | 'manual';

const day = (at: EpochMs): string => new Date(at).toISOString().slice(0, 10);

/** R30: monthly renewals convert only after the grace end; annual and multi-year keep until contract end. */
export function migrationTiming(
  trigger: MigrationTrigger,
  at: EpochMs,
  billingCycle: BillingCycle,
  contractEndsAt: EpochMs,
  policy: LegacyPolicy,
): MigrationTiming {
  if (trigger === 'manual')
    return { convert: true, reason: 'The organization asked to move to the new license model.' };
  if (billingCycle === 'monthly') {
    return at < policy.monthlyGraceEndsAt
      ? {
          convert: false,
          reason: `Monthly renewal on ${day(at)} is before the grace period ends (${day(policy.monthlyGraceEndsAt)}): license types and price stay.`,
        }
      : {
          convert: true,
          reason: `Monthly renewal on ${day(at)} is after the grace period ended (${day(policy.monthlyGraceEndsAt)}): licenses move to the new types.`,
        };
  }
  return at < contractEndsAt
    ? {
        convert: false,
        reason: `The ${billingCycle} contract runs until ${day(contractEndsAt)}: deprecated license types keep working until then.`,
      }
    : {
        convert: true,
        reason: `The ${billingCycle} contract ended on ${day(contractEndsAt)}: only the new license types remain.`,
      };
}
