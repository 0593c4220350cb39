import { z } from 'zod';
import { liveSessionsPageSchema, memberSearchSchema } from '../ipc-admin-people';
import { memberScopeSchema } from '../ipc-admin-org';
import { PageQuery } from './admin-licenses';
import { Id } from './common';

// Live sessions (R19, R21) and the members search over HTTP, as the admin console reads them.

/** Live sessions page: optionally one user's, one machine's, or those whose user or machine matches `query`. */
export const LiveSessionsQuery = PageQuery.extend({
  query: memberSearchSchema.optional(),
  userId: Id.optional(),
  machineId: z.string().trim().min(1).max(64).optional(),
});
/** The live-sessions query as parsed. */
export type LiveSessionsQuery = z.infer<typeof LiveSessionsQuery>;

/** The Live Sessions page the desktop admin proxy forwards unchanged. */
export const LiveSessionsPage = liveSessionsPageSchema;
/** A live-sessions page value. */
export type LiveSessionsPage = z.infer<typeof LiveSessionsPage>;

/** Members page with an optional name or e-mail fragment (pickers and filters search on the server). */
export const MembersQuery = PageQuery.extend({
  query: memberSearchSchema.optional(),
  /** `subtree` lists members of every sub-organization too, each with their organization (R13). */
  scope: memberScopeSchema.default('organization'),
});
/** The members query as parsed. */
export type MembersQuery = z.infer<typeof MembersQuery>;
