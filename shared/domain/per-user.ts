import { fail, ok, type Result } from '../result';

/** A running session as the server knows it: enough to end it or resume it. */
export interface ActiveSession {
  readonly sessionId: string;
  readonly machineId: string;
}

/** What the server loads for a KSE per-User activation (R19). */
export interface PerUserActivationInput {
  readonly licensed: boolean;
  readonly machineId: string;
  /** false for containers or machines whose ID changes: per-User needs a fixed machine ID (003). */
  readonly fixedMachine: boolean;
  readonly activeSession: ActiveSession | null;
}

/** The session to end (with the reason stored and shown) or to resume; null when none. */
export interface PerUserActivationDecision {
  readonly endSession: { readonly sessionId: string; readonly reason: string } | null;
  readonly resumeSessionId: string | null;
}

/** R19: one user, one active session, any number of the user's machines; a new machine ends the old session. */
export function decidePerUserActivation(input: PerUserActivationInput): Result<PerUserActivationDecision> {
  if (!input.licensed) {
    return fail(
      'NOT_LICENSED',
      'You have no Katalon Studio Enterprise license; ask an Owner or Admin to grant one.',
    );
  }
  if (!input.fixedMachine) {
    return fail(
      'FIXED_MACHINE_REQUIRED',
      'A per-User license needs a workstation with a fixed machine ID; containers and dynamic VMs need a floating license.',
    );
  }
  const active = input.activeSession;
  if (active === null) return ok({ endSession: null, resumeSessionId: null });
  if (active.machineId === input.machineId)
    return ok({ endSession: null, resumeSessionId: active.sessionId });
  return ok({
    endSession: {
      sessionId: active.sessionId,
      reason: `Your license was activated on another machine (${input.machineId}); a per-User license allows one active session at a time.`,
    },
    resumeSessionId: null,
  });
}

/** Per-User and node-locked need a fixed machine ID (003, 004): containers don't have one; VMs may. */
export function isFixedMachine(virtualization: string): boolean {
  return virtualization !== 'container';
}
