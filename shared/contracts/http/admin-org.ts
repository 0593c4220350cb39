import { z } from 'zod';
import {
  auditCsvSchema,
  auditFilterSchema,
  auditPageSchema,
  membersPageSchema,
  migrationPlanSchema,
  orgTreeSchema,
  usageSeriesSchema,
} from '../ipc-admin-org';
import { Id, ProductId } from './common';

// Organization tree, members, usage, audit and migration over HTTP; responses are the IPC schemas.

/** Path of one dedication: parent org, product, direct child (R14). */
export const DedicationParams = z.object({ orgId: Id, productId: ProductId, childOrgId: Id });

/** Sets (not adds) the child's dedication. */
export const DedicationBody = z.object({ count: z.number().int().min(0) });

/** Range and bucket of the utilization chart. */
export const UsageQuery = z.object({
  from: z.iso.datetime({ offset: false }),
  to: z.iso.datetime({ offset: false }),
  bucket: z.enum(['hour', 'day']),
  /** The viewer's IANA time zone (default UTC): day buckets start at local midnight. */
  timeZone: z.string().min(1).max(64).optional(),
});
/** Usage query value. */
export type UsageQuery = z.infer<typeof UsageQuery>;

/** Audit filters as query text (shared with the CSV export). */
export const AuditFilterQuery = auditFilterSchema;
/** Audit filter value. */
export type AuditFilter = z.infer<typeof AuditFilterQuery>;

/** Audit filters plus paging. */
export const AuditPageQuery = auditFilterSchema.extend({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Members page with the R18 warning. */
export const MembersPage = membersPageSchema;
/** Members page value. */
export type MembersPage = z.infer<typeof MembersPage>;
/** The allocation subtree (R13, R14). */
export const OrgTree = orgTreeSchema;
/** Tree value. */
export type OrgTree = z.infer<typeof OrgTree>;
/** Utilization series. */
export const UsageSeries = usageSeriesSchema;
/** Series value. */
export type UsageSeries = z.infer<typeof UsageSeries>;
/** Audit page. */
export const AuditPage = auditPageSchema;
/** Audit page value. */
export type AuditPage = z.infer<typeof AuditPage>;
/** CSV export handed over by content (fits the IPC text-file limit), saying whether it was cut short. */
export const CsvFile = auditCsvSchema;
/** CSV file value. */
export type CsvFile = z.infer<typeof CsvFile>;
/** Migration preview or result (R28–R30). */
export const MigrationPlanView = migrationPlanSchema;
/** Migration plan value. */
export type MigrationPlanView = z.infer<typeof MigrationPlanView>;
