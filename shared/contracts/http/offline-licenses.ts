import { z } from 'zod';
import { Id, IsoInstant, MachineIdText, ProductId } from './common';

/** Path of offline-license creation: POST /v1/orgs/{orgId}/offline-licenses (owner/admin, R8). */
export const OrgParams = z.object({ orgId: Id });

/** What the admin enters: product, the user's machine ID, optionally an earlier expiry (R6). */
export const OfflineLicenseRequest = z.object({
  productId: ProductId,
  machineId: MachineIdText,
  expiresAt: z.optional(IsoInstant),
  userId: Id.optional(),
});
/** An offline-license request. */
export type OfflineLicenseRequest = z.infer<typeof OfflineLicenseRequest>;

/** The signed file to save as `KSE_<machineID>.lic` (R8); it is never revoked (R5). */
export const OfflineLicenseResponse = z.object({
  id: Id,
  fileName: z.string(),
  content: z.string(),
  machineId: z.string(),
  productId: ProductId,
  expiresAt: IsoInstant,
  /** true when the machine already held a valid offline license for the product: that one is returned, nothing is spent. */
  existing: z.boolean().optional(),
  /** What to do instead, when `existing` (e.g. save this file again). */
  advice: z.string().optional(),
  /** Why the file ends before the subscription: no expiry was picked and the signing key's certificate ends first. */
  expiryNote: z.string().optional(),
});
/** A created (or, with `existing`, the already held) offline license. */
export type OfflineLicenseResponse = z.infer<typeof OfflineLicenseResponse>;

/** Path of one stored offline license, to download its file again: GET /v1/orgs/{orgId}/offline-licenses/{licenseId}. */
export const OfflineLicenseParams = z.object({ orgId: Id, licenseId: Id });
