import { z } from 'zod';
import { Id, IsoInstant, ProductId } from './common';

/** POST /v1/orgs/{orgId}/seats: an owner/admin grants a seat (R1) to a member (R15), within quota (R17). */
export const SeatGrantRequest = z.object({ productId: ProductId, userId: Id });
/** A seat grant request. */
export type SeatGrantRequest = z.infer<typeof SeatGrantRequest>;

/** A licensed user as License Management lists them (a superset of the IPC licensedUserSchema). */
export const SeatResponse = z.object({
  id: Id,
  organizationId: Id,
  productId: ProductId,
  userId: Id,
  email: z.string(),
  name: z.string(),
  assignedAt: IsoInstant,
  lastActiveAt: z.nullable(IsoInstant),
});
/** A seat as the server reports it. */
export type SeatResponse = z.infer<typeof SeatResponse>;

/** DELETE /v1/orgs/{orgId}/seats/{userId}?productId=: remove a licensed user (R23). */
export const SeatParams = z.object({ orgId: Id, userId: Id });
/** Query of a seat removal. */
export const SeatQuery = z.object({ productId: ProductId });
/** Answer of a seat removal; the user's sessions on that product end with a reason. */
export const SeatRemovalResponse = z.object({ removed: z.boolean() });

/** POST /v1/orgs/{orgId}/seats/transfer: remove from one user and grant to another (R24). */
export const SeatTransferRequest = z.object({ productId: ProductId, fromUserId: Id, toUserId: Id });
/** A transfer request. */
export type SeatTransferRequest = z.infer<typeof SeatTransferRequest>;
