import * as z from 'zod/mini';
import { LicenseKindSchema, ProductIdSchema } from '../catalog/product';
import { machineIdSchema } from '../machine-id/machine-id-schema';

/** The only payload format version this code reads and writes. */
export const LICENSE_FORMAT_VERSION = 1;

const instant = z.iso.datetime({ offset: false, message: 'Dates must be ISO-8601 UTC instants.' });
const text = z.string().check(z.minLength(1), z.maxLength(256));

/** Offline licenses (admin-made, R5) and online leases (server-issued) share one file format. */
export const LicenseFileKindSchema = z.enum(['offline', 'lease']);
/** Whether a file is an offline license or an online lease. */
export type LicenseFileKind = z.infer<typeof LicenseFileKindSchema>;

/**
 * Everything a license file claims, checked after the signature so a signed but nonsensical file is
 * still refused (INVALID_FIELDS). Strict: an unknown field means a format this code does not know.
 */
export const licensePayloadSchema = z
  .strictObject({
    v: z.literal(LICENSE_FORMAT_VERSION),
    licenseId: text,
    kind: LicenseFileKindSchema,
    productId: ProductIdSchema,
    licenseKind: LicenseKindSchema,
    organizationId: text,
    organizationName: text,
    userId: z.optional(text),
    machineId: machineIdSchema,
    issuedAt: instant,
    notBefore: instant,
    expiresAt: instant,
    /** When the subscription behind the file ends (a lease ends sooner and is renewed). Optional: files signed before it existed still verify. */
    subscriptionEndsAt: z.optional(instant),
    features: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(64)),
  })
  .check(
    z.refine((p) => Date.parse(p.notBefore) < Date.parse(p.expiresAt), {
      message: 'A license must start before it expires.',
      path: ['expiresAt'],
    }),
    z.refine(
      (p) =>
        p.subscriptionEndsAt === undefined || Date.parse(p.expiresAt) <= Date.parse(p.subscriptionEndsAt),
      {
        message: 'A license file may not outlive its subscription (R6).',
        path: ['subscriptionEndsAt'],
      },
    ),
    z.refine((p) => Date.parse(p.issuedAt) < Date.parse(p.expiresAt), {
      message: 'A license must be issued before it expires.',
      path: ['issuedAt'],
    }),
  );

/** The verified content of a license file. */
export type LicensePayload = z.infer<typeof licensePayloadSchema>;
