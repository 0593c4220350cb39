import { z } from 'zod';
import { Id, ProductId, RoleSchema } from './common';

/** GET /v1/me: who the API key belongs to and where they may act, so the agent can show it. */
export const MeResponse = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string() }),
  organizations: z.array(
    z.object({ id: Id, name: z.string(), parentId: Id.nullable(), accountId: Id, role: RoleSchema }),
  ),
  /**
   * Products with a running subscription the caller may draw on (their organizations and those above
   * them, R13), so "Activate a product" offers only these.
   */
  subscribedProducts: z.array(ProductId).default([]),
});
/** The caller's identity and memberships. */
export type MeResponse = z.infer<typeof MeResponse>;
