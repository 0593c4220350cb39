import { z } from 'zod';

/** Instants are epoch milliseconds everywhere in the domain, so comparisons are plain numbers. */
export type EpochMs = number;

/** Billing cycles decide conversion rights (R10) and migration timing (R30). */
export const BillingCycleSchema = z.enum(['monthly', 'annual', 'multi-year']);
/** How often a subscription renews. */
export type BillingCycle = z.infer<typeof BillingCycleSchema>;
