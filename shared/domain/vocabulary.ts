import { z } from 'zod';

/** Instants are epoch milliseconds everywhere in the domain, so comparisons are plain numbers. */
export type EpochMs = number;

/** Organization roles (R15): owners and admins manage licenses, members use them. */
export const RoleSchema = z.enum(['owner', 'admin', 'member']);
/** A person's role in one organization. */
export type Role = z.infer<typeof RoleSchema>;

/** Billing cycles decide conversion rights (R10) and migration timing (R30). */
export const BillingCycleSchema = z.enum(['monthly', 'annual', 'multi-year']);
/** How often a subscription renews. */
export type BillingCycle = z.infer<typeof BillingCycleSchema>;
