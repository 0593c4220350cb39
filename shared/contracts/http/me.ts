import { z } from 'zod';
import { Id, RoleSchema } from './common';

/** GET /v1/me: who the API key belongs to and where they may act, so the agent can show it. */
export const MeResponse = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string() }),
  organizations: z.array(
    z.object({ id: Id, name: z.string(), parentId: Id.nullable(), accountId: Id, role: RoleSchema }),
  ),
});
/** The caller's identity and memberships. */
export type MeResponse = z.infer<typeof MeResponse>;
