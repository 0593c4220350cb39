import { z } from 'zod';
import {
  licensedUsersPageSchema,
  MACHINES_MAX_OFFSET,
  machinesCursorSchema,
  offlineLicensesPageSchema,
  onlineLicensesPageSchema,
  registeredMachinesPageSchema,
  subscriptionDetailsSchema,
} from '../ipc-admin-licenses';
import { Id, IsoInstant, MachineIdText, ProductId } from './common';

// License Management over HTTP. Responses ARE the IPC response schemas, so the desktop admin proxy
// forwards the server's answer unchanged (src-main/services/admin-routes.ts).

/** Path of everything about one organization. */
export const AdminOrgParams = z.object({ orgId: Id });

/** Path of everything about one product of one organization (R16). */
export const OrgProductParams = z.object({ orgId: Id, productId: ProductId });

/** Path of one registered machine (R23). */
export const OrgMachineParams = OrgProductParams.extend({ machineId: MachineIdText });

/** Server-side paging as query text; limits match the IPC page request (at most 500 rows). */
export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Registered Machines page with an optional machine-ID or e-mail fragment, a keyset cursor (`after`) and
 * a keyset jump (`seenAtOrBefore`); offsets stop at MACHINES_MAX_OFFSET, so every read is an index range.
 */
export const MachinesQuery = PageQuery.extend({
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(
      MACHINES_MAX_OFFSET,
      `Registered Machines pages past row ${MACHINES_MAX_OFFSET} are read with after (the previous page's next) or seenAtOrBefore (a jump by last-seen time).`,
    )
    .default(0),
  query: z.string().max(128).optional(),
  after: machinesCursorSchema.optional(),
  seenAtOrBefore: z.optional(IsoInstant),
});

/** Subscription Details of one running line (R16). */
export const SubscriptionDetailsView = subscriptionDetailsSchema;
/** Subscription Details as the server computes them. */
export type SubscriptionDetailsView = z.infer<typeof SubscriptionDetailsView>;

/** Every running line of the organization. */
export const SubscriptionList = z.array(subscriptionDetailsSchema);

/** Licensed Users page. */
export const LicensedUsersPage = licensedUsersPageSchema;
/** Licensed Users page value. */
export type LicensedUsersPage = z.infer<typeof LicensedUsersPage>;
/** Online Licenses page. */
export const OnlineLicensesPage = onlineLicensesPageSchema;
/** Online Licenses page value. */
export type OnlineLicensesPage = z.infer<typeof OnlineLicensesPage>;
/** Offline Licenses page. */
export const OfflineLicensesPage = offlineLicensesPageSchema;
/** Offline Licenses page value. */
export type OfflineLicensesPage = z.infer<typeof OfflineLicensesPage>;
/** Registered Machines page. */
export const MachinesPage = registeredMachinesPageSchema;
/** Registered Machines page value. */
export type MachinesPage = z.infer<typeof MachinesPage>;

/** A plain confirmation, the same as the IPC `done` answer. */
export const Done = z.object({ done: z.literal(true) });
/** Confirmation value. */
export type Done = z.infer<typeof Done>;
