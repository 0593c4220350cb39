import { z } from 'zod';
import { componentNameSchema } from '../machine-id/components';
import { ApplicationId, LicenseKindSchema, VirtualizationSchema } from './http/common';
import { ipcErrorSchema, isoInstantSchema, orgIdSchema, productIdSchema } from './ipc-common';

/** Asks for one product, so activation, deactivation and sessions share a payload shape. */
export const productPayloadSchema = z.object({ productId: productIdSchema }).strict();

/** Starts a session; TrueTest (R3) also names the application under test. */
export const sessionStartPayloadSchema = z
  .object({ productId: productIdSchema, applicationId: ApplicationId.optional() })
  .strict();

/** Why a product may or may not run, and what is close to going wrong, for the status screen. */
export const statusWarningSchema = z.object({
  code: z.enum([
    'expiring-soon',
    'subscription-ending',
    'clock-rolled-back',
    'virtual-machine',
    'server-unreachable',
    'lease-grace',
  ]),
  message: z.string(),
});

/** The session a session-based, floating or per-User license holds on this machine. */
export const sessionInfoSchema = z.object({
  sessionId: z.string(),
  productId: productIdSchema,
  state: z.enum(['active', 'ended']),
  startedAt: isoInstantSchema,
  heartbeatIntervalSeconds: z.number().int().positive(),
  endedReason: z.string().nullable(),
});

/** Which kind of trust root vouches for a license: the vendor's, the machine-wide policy's, or a local evaluation server's. */
export const trustSourceSchema = z.enum(['vendor', 'policy', 'local-evaluation']);

/** One product's standing on this machine, computed from local state only. */
export const productStatusSchema = z.object({
  productId: productIdSchema,
  productName: z.string(),
  canRun: z.boolean(),
  state: z.enum(['active', 'grace', 'expired', 'not-activated', 'invalid']),
  source: z.enum(['lease', 'offline']).nullable(),
  licenseKind: LicenseKindSchema.nullable(),
  organizationId: orgIdSchema.nullable(),
  organizationName: z.string().nullable(),
  /** When the license ends: the subscription's end if the file carries it, else the file's own end. */
  expiresAt: z.nullable(isoInstantSchema),
  daysLeft: z.number().int().nullable(),
  /** The subscription's end, as the lease or offline file states it (null for files signed before it was carried). */
  subscriptionEndsAt: z.nullable(isoInstantSchema).default(null),
  /** A valid offline license file's own end, shown even while an online lease is held. */
  offlineFileEndsAt: z.nullable(isoInstantSchema).default(null),
  leaseEndsAt: z.nullable(isoInstantSchema),
  session: sessionInfoSchema.nullable(),
  reason: ipcErrorSchema.nullable(),
  warnings: z.array(statusWarningSchema),
  /** The root behind the license that lets it run ('local-evaluation': a local evaluation license). */
  trust: trustSourceSchema.nullable(),
});

/** Where this agent's trust comes from: its roots (fixed at start) and the machine-wide policy file. */
export const trustSummarySchema = z.object({
  /** No vendor or policy root: licenses of license servers on this machine are trusted (evaluation build). */
  evaluation: z.boolean(),
  roots: z.array(z.object({ kid: z.string(), name: z.string(), source: trustSourceSchema })),
  policy: z.object({
    state: z.enum(['absent', 'active', 'refused']),
    path: z.string(),
    message: z.string().nullable(),
  }),
});

/** The whole agent's standing: also the payload of the `license:status-changed` event. */
export const agentStatusSchema = z.object({
  machineId: z.string(),
  serverMode: z.enum(['remote', 'embedded', 'none']),
  serverReachable: z.boolean().nullable(),
  checkedAt: isoInstantSchema,
  trust: trustSummarySchema,
  products: z.array(productStatusSchema),
});

/** What the first-run screen shows about this machine (R11, R12). */
export const machineInfoSchema = z.object({
  machineId: z.string(),
  virtualization: VirtualizationSchema,
  // Only presence crosses IPC, never raw serials.
  components: z.array(z.object({ name: componentNameSchema, present: z.boolean() })),
});

/** Stores the API key in the keychain; the renderer sends it once and never reads it back. */
export const keySetPayloadSchema = z
  .object({ serverUrl: z.url({ protocol: /^https?$/ }), apiKey: z.string().trim().min(8).max(512) })
  .strict();

/** Whether a key is stored, without revealing it. */
export const keyStateSchema = z.object({ hasKey: z.boolean(), serverUrl: z.string().nullable() });

/** Where the agent finds its license server: a URL, or one embedded in this app on loopback. */
export const serverConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('remote'), url: z.url({ protocol: /^https?$/ }) }).strict(),
  z.object({ mode: z.literal('embedded') }).strict(),
]);

/** The configuration plus what is running now (the embedded server's loopback URL once started). */
export const serverStateSchema = z.object({
  config: serverConfigSchema.nullable(),
  activeUrl: z.string().nullable(),
});
