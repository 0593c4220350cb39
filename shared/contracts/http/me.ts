import { z } from 'zod';
import { Id, ProductId, RoleSchema } from './common';

/** GET /v1/me: who the API key belongs to and where they may act, so the agent can show it. */
export const MeResponse = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string() }),
  organizations: z.array(
    z.object({ id: Id, name: z.string(), parentId: Id.nullable(), accountId: Id, role: RoleSchema }),
  ),
  /**
   * Products the caller may activate now: an active subscription of one of their organizations or an
   * ancestor (R13). Absent from servers that predate it; the agent then offers the whole catalog.
   */
  subscribedProducts: z.array(ProductId).optional(),
});
/** The caller's identity and memberships. */
export type MeResponse = z.infer<typeof MeResponse>;
