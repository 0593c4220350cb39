import { z } from 'zod';
import { EndedSession, SessionInfo } from './activations';
import { ApplicationId, Id, MachineIdText, ProductId } from './common';

/** POST /v1/sessions: check out a session (R2/R21 session products, R26 floating, R19 per-User). */
export const SessionCheckoutRequest = z.object({
  productId: ProductId,
  machineId: MachineIdText,
  organizationId: Id.optional(),
  /** R3: required for TrueTest (per application under test), refused for every other model. */
  applicationId: ApplicationId.optional(),
});
/** A checkout request. */
export type SessionCheckoutRequest = z.infer<typeof SessionCheckoutRequest>;

/** Checkout answer: the live session plus any session the rules ended to make room. */
export const SessionCheckoutResponse = z.object({
  session: SessionInfo,
  endedSessions: z.array(EndedSession),
});
/** A checkout answer. */
export type SessionCheckoutResponse = z.infer<typeof SessionCheckoutResponse>;

/** Path of the session operations. */
export const SessionParams = z.object({ sessionId: Id });

/** POST /v1/sessions/{id}/heartbeat answer; an ended session is refused with SESSION_ENDED and its reason. */
export const HeartbeatResponse = z.object({ session: SessionInfo });

/** DELETE /v1/sessions/{id} (release) and the admin force-release answer. */
export const SessionReleaseResponse = z.object({ released: z.boolean(), endReason: z.string() });

/** Admin force-release path: DELETE /v1/orgs/{orgId}/sessions/{sessionId}. */
export const OrgSessionParams = z.object({ orgId: Id, sessionId: Id });
