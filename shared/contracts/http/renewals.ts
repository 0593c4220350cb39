import { z } from 'zod';
import { renewalOrderListSchema, renewalOrderSchema, renewalStatusSchema } from '../ipc-admin-renewals';
import { Id, IsoInstant } from './common';

// Renewal orders over HTTP: the billing system (own token, tsb_…) schedules, reads and cancels; an
// organization's Owner or Admin reads them with the plan each applies (R28–R30).

/** The billing credential's prefix, so a leaked token is recognisable (never a user's tsk_ key). */
export const BILLING_TOKEN_PREFIX = 'tsb_';

/** What billing decided: renew this subscription until `endsAt` (optionally a new count), due at `dueAt`. */
export const ScheduleRenewalBody = z
  .object({
    subscriptionId: Id,
    endsAt: IsoInstant,
    quantity: z.number().int().min(0).max(1_000_000).nullable().default(null),
    dueAt: IsoInstant,
  })
  .strict();

/** Path of one order. */
export const RenewalOrderParams = z.object({ orderId: Id });

/** Order list filters. */
export const RenewalListQuery = z.object({
  status: renewalStatusSchema.optional(),
  subscriptionId: Id.optional(),
});

/** One order. */
export const RenewalOrderView = renewalOrderSchema;
/** Several orders, soonest due first. */
export const RenewalOrderList = renewalOrderListSchema;

/** Paths of the renewal endpoints. */
export const RENEWAL_PATHS = {
  billingRenewals: '/v1/billing/renewals',
  billingRenewal: (orderId: string) => `/v1/billing/renewals/${encodeURIComponent(orderId)}`,
  orgRenewals: (orgId: string) => `/v1/orgs/${encodeURIComponent(orgId)}/renewals`,
} as const;
