import { z } from 'zod';
import { LicenseKindSchema, VirtualizationSchema } from './http/common';
import {
  isoInstantSchema,
  machineIdTextSchema,
  orgIdSchema,
  pageOf,
  pageRequestSchema,
  productIdSchema,
  userIdSchema,
} from './ipc-common';

/** Reads that span all products of one organization. */
export const orgPayloadSchema = z.object({ orgId: orgIdSchema }).strict();

/** Every License Management call is about one product of one organization (R15, R16). */
export const orgProductPayloadSchema = z.object({ orgId: orgIdSchema, productId: productIdSchema }).strict();

/** A paged read of one product's table in one organization. */
export const orgProductPagePayloadSchema = orgProductPayloadSchema
  .extend({ page: pageRequestSchema })
  .strict();

/** Subscription details header of the License Management page (R16; offline and online both count, R9). */
export const subscriptionDetailsSchema = z.object({
  productId: productIdSchema,
  productName: z.string(),
  licenseKind: LicenseKindSchema,
  billingCycle: z.enum(['monthly', 'annual', 'multi-year']),
  subscribed: z.number().int().min(0),
  /** Licenses in use, online and offline (R9); equals Assigned at the subscription holder's tree node. */
  used: z.number().int().min(0),
  available: z.number().int().min(0),
  machineQuota: z.number().int().min(0),
  machinesRegistered: z.number().int().min(0),
  offlineAllowed: z.boolean(),
  expiresAt: isoInstantSchema,
  /**
   * Set when the organization has no line of its own and draws on the nearest ancestor's (R13): that
   * ancestor. The figures above are then that subscription's, as its holder sees them.
   */
  inheritedFrom: z.object({ orgId: orgIdSchema, name: z.string() }).optional(),
  /** With `inheritedFrom`: this organization's node in the organization tree (R14), the same figures. */
  share: z
    .object({
      dedicated: z.number().int().min(0),
      pool: z.number().int().min(0),
      assigned: z.number().int().min(0),
      available: z.number().int().min(0),
    })
    .optional(),
});

/** A user holding a license of the product (Licensed Users section, R16, R17). */
export const licensedUserSchema = z.object({
  userId: userIdSchema,
  email: z.string(),
  name: z.string(),
  assignedAt: isoInstantSchema,
  lastActiveAt: z.nullable(isoInstantSchema),
});

/** Grants or removes one user's license (R15, R17, R23). */
export const licensedUserPayloadSchema = orgProductPayloadSchema.extend({ userId: userIdSchema }).strict();

/** An active machine ID holding an online license (Online Licenses section, R16, R22). */
export const onlineLicenseSchema = z.object({
  machineId: z.string(),
  userId: userIdSchema.nullable(),
  userEmail: z.string().nullable(),
  licenseKind: LicenseKindSchema,
  activatedAt: isoInstantSchema,
  lastSeenAt: isoInstantSchema,
});

/** A machine ID bound to an offline license (Offline Licenses section, R5, R8). */
export const offlineLicenseSchema = z.object({
  licenseId: z.string(),
  machineId: z.string(),
  fileName: z.string(),
  createdAt: isoInstantSchema,
  expiresAt: isoInstantSchema,
  createdBy: z.string(),
});

/** Creates an offline license from a machine ID; no expiry means the subscription end (R6, R8). */
export const createOfflineLicensePayloadSchema = orgProductPayloadSchema
  .extend({ machineId: machineIdTextSchema, expiresAt: z.optional(isoInstantSchema) })
  .strict();

/** Every machine ID using the product either way (Registered Machines section, R16, R21). */
export const registeredMachineSchema = z.object({
  machineId: z.string(),
  virtualization: VirtualizationSchema,
  userEmail: z.string().nullable(),
  online: z.boolean(),
  offline: z.boolean(),
  activeSession: z.object({ sessionId: z.string(), startedAt: isoInstantSchema }).nullable(),
  firstSeenAt: isoInstantSchema,
  lastSeenAt: isoInstantSchema,
});

/**
 * Where a Registered Machines page ended (opaque, from `next`): with `after` the page starts behind that
 * row (and `offset` counts from there), so reading on costs the same at row 50,000 as at row 0.
 */
export const machinesCursorSchema = z.string().min(1).max(256);

/**
 * Deepest Registered Machines offset a server accepts: past it a page is read with `after` (reading on)
 * or `seenAtOrBefore` (a jump), which cost the same at row 50,000 as at row 0; an offset walk does not.
 */
export const MACHINES_MAX_OFFSET = 1000;

/** Paged registered machines, optionally filtered by a machine-ID or e-mail fragment. */
export const machinesPagePayloadSchema = orgProductPayloadSchema
  .extend({
    page: pageRequestSchema.extend({ offset: pageRequestSchema.shape.offset.max(MACHINES_MAX_OFFSET) }),
    query: z.string().max(128).optional(),
    after: machinesCursorSchema.optional(),
    /** A jump: the page starts at the first machine last seen at or before this instant. */
    seenAtOrBefore: z.optional(isoInstantSchema),
  })
  .strict();

/** Removes a machine ID, or just this product's license from it (R23). */
export const machinePayloadSchema = orgProductPayloadSchema
  .extend({ machineId: machineIdTextSchema })
  .strict();

/** Ends a session that holds a license, e.g. of a crashed agent. */
export const forceReleasePayloadSchema = z
  .object({ orgId: orgIdSchema, sessionId: z.string().min(1) })
  .strict();

/** Moves a license from one user to another, never beyond the quota and never an offline one (R24). */
export const transferPayloadSchema = orgProductPayloadSchema
  .extend({ fromUserId: userIdSchema, toUserId: userIdSchema })
  .strict();

/** Pages returned by the License Management tables. */
export const licensedUsersPageSchema = pageOf(licensedUserSchema);
/** Online Licenses table page. */
export const onlineLicensesPageSchema = pageOf(onlineLicenseSchema);
/** Offline Licenses table page. */
export const offlineLicensesPageSchema = pageOf(offlineLicenseSchema);
/** Registered Machines table page. */
export const registeredMachinesPageSchema = pageOf(registeredMachineSchema).extend({
  /** Cursor of the page's last row, to pass as `after` for the next page; absent from older servers. */
  next: machinesCursorSchema.nullable().optional(),
});
