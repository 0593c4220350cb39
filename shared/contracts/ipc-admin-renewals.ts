import { z } from 'zod';
import { LicenseKindSchema } from './http/common';
import { isoInstantSchema, orgIdSchema, productIdSchema, userIdSchema } from './ipc-common';

/** The rule that decided a line of a renewal plan (R28 per-User, R29 KRE floating, R30 kept until the date). */
export const decidingRuleSchema = z.enum(['R28', 'R29', 'R30']).nullable();

/** A line of the new term: an existing line extended, or a new one converting the old kinds. */
export const plannedLineSchema = z.object({
  licenseKind: LicenseKindSchema,
  count: z.number().int().min(0),
  startsAt: isoInstantSchema,
  endsAt: isoInstantSchema,
  mode: z.enum(['extend', 'new']),
  sourceIds: z.array(z.string()),
  from: z.array(z.object({ licenseKind: LicenseKindSchema, count: z.number().int().min(0) })),
  rule: decidingRuleSchema,
  reason: z.string(),
});

/** The plan a renewal previews and applies: lines, per-User grants by R28 priority, releases, dates. */
export const renewalPlanSchema = z.object({
  trigger: z.enum(['renewal', 'manual']),
  at: isoInstantSchema,
  contractEndsAt: isoInstantSchema,
  termStartsAt: isoInstantSchema,
  termEndsAt: isoInstantSchema,
  convert: z.boolean(),
  reason: z.string(),
  lines: z.array(plannedLineSchema),
  retire: z.object({ ids: z.array(z.string()), at: isoInstantSchema }).nullable(),
  grants: z.array(
    z.object({ userId: userIdSchema, email: z.string(), rank: z.number().int().min(1), reason: z.string() }),
  ),
  released: z.array(z.object({ userId: userIdSchema, email: z.string(), reason: z.string() })),
  unassigned: z.number().int().min(0),
});
/** A renewal plan as HTTP, IPC, the CLI and the audit log carry it. */
export type RenewalPlanView = z.infer<typeof renewalPlanSchema>;

/** Where an order stands; `failed` keeps the code and sentence for the operator. */
export const renewalStatusSchema = z.enum(['scheduled', 'applied', 'failed', 'cancelled']);

/** A renewal order with the plan it applied, or (scheduled) the plan it would apply at its due instant. */
export const renewalOrderSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  orgId: orgIdSchema,
  productId: productIdSchema,
  endsAt: isoInstantSchema,
  quantity: z.number().int().min(0).nullable(),
  dueAt: isoInstantSchema,
  trigger: z.enum(['renewal', 'manual']),
  source: z.enum(['billing', 'operator', 'admin']),
  status: renewalStatusSchema,
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  plan: renewalPlanSchema.nullable(),
  /** True when `plan` is today's preview of a scheduled order rather than the applied plan. */
  planIsPreview: z.boolean(),
  resultIds: z.array(z.string()),
  createdAt: isoInstantSchema,
  appliedAt: z.nullable(isoInstantSchema),
});
/** A renewal order as shown to billing, the operator and the admin console. */
export type RenewalOrderView = z.infer<typeof renewalOrderSchema>;

/** The admin console asks for one organization's renewal orders. */
export const renewalsPayloadSchema = z.object({ orgId: orgIdSchema }).strict();

/** An organization's renewal orders, soonest due first. */
export const renewalOrderListSchema = z.object({ orders: z.array(renewalOrderSchema) });
