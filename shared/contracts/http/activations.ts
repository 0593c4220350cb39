import { z } from 'zod';
import { Id, IsoInstant, LicenseKindSchema, MachineIdText, MachineInfo, ProductId } from './common';

/** POST /v1/activations body: which product on which machine; the org is optional when only one fits. */
export const ActivationRequest = z.object({
  productId: ProductId,
  organizationId: Id.optional(),
  machine: MachineInfo,
  /** Node-locked (R25): move an idle license from another machine here; transfers are free. */
  transfer: z.boolean().optional(),
});
/** An activation request. */
export type ActivationRequest = z.infer<typeof ActivationRequest>;

/** A session the server ended to honour a rule (R19 per-User moves), reported so the UI can say why. */
export const EndedSession = z.object({ sessionId: Id, machineId: z.string(), reason: z.string() });

/** Session facts the agent needs to keep heartbeating. */
export const SessionInfo = z.object({
  id: Id,
  productId: ProductId,
  organizationId: Id,
  machineId: z.string(),
  startedAt: IsoInstant,
  heartbeatAt: IsoInstant,
  /** The session is culled if no heartbeat arrives before this instant. */
  expiresAt: IsoInstant,
  heartbeatIntervalSeconds: z.number().int().positive(),
});
/** A live session. */
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Activation answer: a signed lease (armored license file, kind 'lease') valid for the grace window. */
export const ActivationResponse = z.object({
  activationId: Id,
  organizationId: Id,
  productId: ProductId,
  licenseKind: LicenseKindSchema,
  machineId: z.string(),
  lease: z.string(),
  leaseExpiresAt: IsoInstant,
  /** Set for per-User (R19): activation opens the user's one session; other models check out via /v1/sessions. */
  session: SessionInfo.nullable(),
  endedSessions: z.array(EndedSession),
});
/** An activation answer. */
export type ActivationResponse = z.infer<typeof ActivationResponse>;

/** DELETE /v1/activations/{machineId}?productId=&organizationId= path + query. */
export const DeactivationParams = z.object({ machineId: MachineIdText });
/** Query of a deactivation. */
export const DeactivationQuery = z.object({ productId: ProductId, organizationId: Id.optional() });

/** Deactivation answer: the reserved license is free again (R22). */
export const DeactivationResponse = z.object({ deactivated: z.boolean(), endedSessions: z.number().int() });
/** A deactivation answer. */
export type DeactivationResponse = z.infer<typeof DeactivationResponse>;
