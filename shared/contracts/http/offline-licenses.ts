import { z } from 'zod';
import { Id, IsoInstant, MachineIdText, ProductId } from './common';

/** Path of offline-license creation: POST /v1/orgs/{orgId}/offline-licenses (owner/admin, R8). */
export const OrgParams = z.object({ orgId: Id });

/** What the admin enters: product, the user's machine ID, optionally an earlier expiry (R6). */
export const OfflineLicenseRequest = z.object({
  productId: ProductId,
  machineId: MachineIdText,
  expiresAt: IsoInstant.optional(),
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
});
/** A created offline license. */
export type OfflineLicenseResponse = z.infer<typeof OfflineLicenseResponse>;
