import { z } from 'zod';
import { Id, ProductId } from './common';

/** POST /v1/orgs/{orgId}/seats: an owner/admin grants a seat (R1) to a member (R15), within quota (R17). */
export const SeatGrantRequest = z.object({ productId: ProductId, userId: Id });
/** A seat grant request. */
export type SeatGrantRequest = z.infer<typeof SeatGrantRequest>;

/** A granted seat. */
export const SeatResponse = z.object({ id: Id, organizationId: Id, productId: ProductId, userId: Id });
/** A seat as the server reports it. */
export type SeatResponse = z.infer<typeof SeatResponse>;

/** DELETE /v1/orgs/{orgId}/seats/{seatId}: remove a licensed user (R23). */
export const SeatParams = z.object({ orgId: Id, seatId: Id });
