import { z } from 'zod';
import { LicenseKindSchema, RoleSchema } from './http/common';
import {
  isoInstantSchema,
  orgIdSchema,
  pageOf,
  pageRequestSchema,
  productIdSchema,
  textFileSchema,
  userIdSchema,
} from './ipc-common';
import { memberSearchSchema } from './ipc-admin-people';

/** Whose members a members page lists: the organization's own, or its whole subtree's (R13). */
export const memberScopeSchema = z.enum(['organization', 'subtree']);

/** Paged members of one organization, optionally those whose name or e-mail contain `query`. */
export const membersPayloadSchema = z
  .object({
    orgId: orgIdSchema,
    page: pageRequestSchema,
    query: memberSearchSchema.optional(),
    /** `subtree`: members of the organization or any sub-organization (R13: pickers administering a subtree). */
    scope: memberScopeSchema.optional(),
  })
  .strict();

/** A member with the products licensed to them; none means free-plan privileges (R18). */
export const memberSchema = z.object({
  userId: userIdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  licensedProducts: z.array(productIdSchema),
  /** With scope `subtree`: the member's organization (their deepest one in the subtree) and `role` there. */
  organization: z.object({ orgId: orgIdSchema, name: z.string() }).optional(),
});

/** Members page plus the R18 warning when free and KSE users are mixed. */
export const membersPageSchema = pageOf(memberSchema).extend({ freePlanWarning: z.string().nullable() });

/** Asks for an organization's subtree, for one product's allocation. */
export const orgTreePayloadSchema = z.object({ orgId: orgIdSchema, productId: productIdSchema }).strict();

/** One node of the allocation tree, flat with a parent id so it needs no recursive schema (R13, R14). */
export const orgNodeSchema = z.object({
  id: orgIdSchema,
  parentId: orgIdSchema.nullable(),
  name: z.string(),
  dedicated: z.number().int().min(0),
  pool: z.number().int().min(0),
  assigned: z.number().int().min(0),
  available: z.number().int().min(0),
});

/** The subtree rooted at the requested organization. */
export const orgTreeSchema = z.object({ productId: productIdSchema, nodes: z.array(orgNodeSchema) });

/** Dedicates `count` licenses of a product from a parent to a direct child (R14). */
export const dedicatePayloadSchema = z
  .object({
    orgId: orgIdSchema,
    childOrgId: orgIdSchema,
    productId: productIdSchema,
    count: z.number().int().min(0),
  })
  .strict();

/** Usage over a time range for the utilization chart. */
export const usagePayloadSchema = z
  .object({
    orgId: orgIdSchema,
    productId: productIdSchema,
    from: isoInstantSchema,
    to: isoInstantSchema,
    bucket: z.enum(['hour', 'day']),
    /** The viewer's IANA time zone: day buckets start at their midnights. */
    timeZone: z.string().min(1).max(64).optional(),
  })
  .strict();

/** One chart series: in use vs quota per bucket. */
export const usageSeriesSchema = z.object({
  productId: productIdSchema,
  points: z.array(
    z.object({
      at: isoInstantSchema,
      /** Most licenses in use at the same time during the bucket. */
      peak: z.number().int().min(0),
      /** Licenses in use on average over the bucket (time-weighted). */
      average: z.number().min(0),
      quota: z.number().int().min(0),
    }),
  ),
  /** Licenses in use now and the quota now: the numbers License Management shows (R9, R16). */
  now: z.object({ used: z.number().int().min(0), quota: z.number().int().min(0) }),
});

/** Filters shared by the audit page and its CSV export. */
export const auditFilterSchema = z
  .object({
    action: z.string().max(64).optional(),
    productId: productIdSchema.optional(),
    userId: userIdSchema.optional(),
    /** A fragment of a user's name or e-mail: events they made or that concern them. */
    user: z.string().max(128).optional(),
    machineId: z.string().max(64).optional(),
    from: z.optional(isoInstantSchema),
    to: z.optional(isoInstantSchema),
  })
  .strict();

/** Paged audit read. */
export const auditPagePayloadSchema = z
  .object({ orgId: orgIdSchema, filter: auditFilterSchema, page: pageRequestSchema })
  .strict();

/** CSV export of the filtered audit log. */
export const auditExportPayloadSchema = z.object({ orgId: orgIdSchema, filter: auditFilterSchema }).strict();

/** One append-only audit event. */
export const auditEventSchema = z.object({
  id: z.string(),
  at: isoInstantSchema,
  actor: z.string().nullable(),
  action: z.string(),
  productId: productIdSchema.nullable(),
  machineId: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** Audit table page. */
export const auditPageSchema = pageOf(auditEventSchema);

/** The CSV export: the newest `rows` events that fit the 1 MiB file limit; `truncated` when older ones did not. */
export const auditCsvSchema = textFileSchema.extend({
  rows: z.number().int().min(0),
  truncated: z.boolean(),
});

/** Migration preview/apply for one product of an organization (R28–R30). */
export const migrationPayloadSchema = z.object({ orgId: orgIdSchema, productId: productIdSchema }).strict();

/** What a migration does or did: kinds and counts, and who gets a per-User license and why (R28, R29). */
export const migrationPlanSchema = z.object({
  productId: productIdSchema,
  applied: z.boolean(),
  from: z.array(z.object({ licenseKind: LicenseKindSchema, count: z.number().int().min(0) })),
  to: z.array(z.object({ licenseKind: LicenseKindSchema, count: z.number().int().min(0) })),
  assignments: z.array(z.object({ userId: userIdSchema, email: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
});
