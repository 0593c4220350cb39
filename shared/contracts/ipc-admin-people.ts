import { z } from 'zod';
import { Id, RoleSchema } from './http/common';
import {
  isoInstantSchema,
  orgIdSchema,
  pageOf,
  pageRequestSchema,
  productIdSchema,
  userIdSchema,
} from './ipc-common';

// Members, API keys and live sessions as the admin console asks for them (R15, R19, R21, R23).

/** A name or e-mail fragment the members list, pickers and filters search on the server. */
export const memberSearchSchema = z.string().trim().max(128);

/** Live sessions of one product, optionally only one user's or one machine's, or matching a fragment. */
export const liveSessionsPayloadSchema = z
  .object({
    orgId: orgIdSchema,
    productId: productIdSchema,
    page: pageRequestSchema,
    query: memberSearchSchema.optional(),
    userId: userIdSchema.optional(),
    machineId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** One running session: who holds it, on which machine, since when, last heard from. */
export const liveSessionSchema = z.object({
  sessionId: z.string(),
  userId: userIdSchema,
  userEmail: z.string(),
  userName: z.string(),
  machineId: z.string(),
  startedAt: isoInstantSchema,
  lastHeartbeatAt: isoInstantSchema,
});

/** Live Sessions table page. */
export const liveSessionsPageSchema = pageOf(liveSessionSchema);

/** Ends every live session of one user, or on one machine, for one product (exactly one of the two). */
export const releaseSessionsPayloadSchema = z
  .object({
    orgId: orgIdSchema,
    productId: productIdSchema,
    userId: userIdSchema.optional(),
    machineId: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((p) => (p.userId === undefined) !== (p.machineId === undefined), {
    message: 'Name either a user or a machine, not both and not neither.',
  });

/** How many sessions a bulk release ended. */
export const releasedSessionsSchema = z.object({ released: z.number().int().min(0) });

/** Adds a member by e-mail; an unknown e-mail creates the user and issues their first key, handed over by main. */
export const addMemberPayloadSchema = z
  .object({
    orgId: orgIdSchema,
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200).optional(),
    role: RoleSchema,
  })
  .strict();

/** A member named by organization and user. */
export const memberPayloadSchema = z.object({ orgId: orgIdSchema, userId: userIdSchema }).strict();

/** Changes one member's role. */
export const memberRolePayloadSchema = memberPayloadSchema.extend({ role: RoleSchema }).strict();

/** A member after a role change: who they are and their role, never a key. */
export const memberRoleChangeSchema = z.object({
  userId: userIdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
});

/**
 * A member after an add. A person new to the server gets a first API key, which main hands to the
 * admin in its own window and forgets (`keyHandedOver`); the key itself never crosses IPC.
 */
export const memberAddedSchema = memberRoleChangeSchema.extend({ keyHandedOver: z.boolean() });

/** Reissues one member's key; the e-mail only names the member in main's key window. */
export const reissueKeyPayloadSchema = memberPayloadSchema.extend({ email: z.email().max(320) }).strict();

/** What a removal ended. */
export const memberRemovalSchema = z.object({
  removed: z.literal(true),
  endedSessions: z.number().int().min(0),
  deactivated: z.number().int().min(0),
});

/** A reissued key: main showed it to the admin in its own window and kept nothing; no key crosses IPC. */
export const reissuedKeySchema = z.object({ userId: userIdSchema, keyHandedOver: z.literal(true) });

/** A key revocation. */
export const keyRevocationSchema = z.object({
  revoked: z.number().int().min(0),
  endedSessions: z.number().int().min(0),
});

/** Downloads a stored offline license file again (R8). */
export const offlineFilePayloadSchema = z.object({ orgId: orgIdSchema, licenseId: Id }).strict();
