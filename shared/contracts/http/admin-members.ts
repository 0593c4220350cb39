import { z } from 'zod';
import { Id, RoleSchema } from './common';

// Member and API-key lifecycle (R15): owners and admins add, remove and re-role members, revoke and
// reissue their keys; a user rotates their own key. Every change is audited.

/** Path of one member: /v1/orgs/{orgId}/members/{userId}. */
export const MemberParams = z.object({ orgId: Id, userId: Id });

/** Adds a member by email; an unknown email creates the user and issues their first API key. */
export const MemberAddRequest = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.default('member'),
});
/** A member-add request. */
export type MemberAddRequest = z.infer<typeof MemberAddRequest>;

/** Changes a member's role. */
export const MemberRoleRequest = z.object({ role: RoleSchema });

/** A member after a change. */
export const MemberResponse = z.object({
  userId: Id,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** The new user's API key, shown once; null when the user already existed. */
  apiKey: z.string().nullable(),
});
/** A member view. */
export type MemberResponse = z.infer<typeof MemberResponse>;

/** A removal: the sessions and activations it ended (coded MEMBER_REMOVED). */
export const MemberRemovalResponse = z.object({
  removed: z.literal(true),
  endedSessions: z.number().int().min(0),
  deactivated: z.number().int().min(0),
});
/** A member-removal answer. */
export type MemberRemovalResponse = z.infer<typeof MemberRemovalResponse>;

/** A key revocation: how many keys were revoked and sessions ended (coded KEY_REVOKED). */
export const KeyRevocationResponse = z.object({
  revoked: z.number().int().min(0),
  endedSessions: z.number().int().min(0),
});
/** A revocation answer. */
export type KeyRevocationResponse = z.infer<typeof KeyRevocationResponse>;

/** A newly issued API key, shown once; only its prefix is kept for display. */
export const NewKeyResponse = z.object({ userId: Id, apiKey: z.string(), prefix: z.string() });
/** A new-key answer. */
export type NewKeyResponse = z.infer<typeof NewKeyResponse>;
