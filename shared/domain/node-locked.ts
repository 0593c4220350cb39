import { fail, ok, type Result } from '../result';
import { quotaRefusal } from './quota';

/** One node-locked license of the subscription as the server stores it (R25). */
export interface NodeLockedLicense {
  readonly licenseId: string;
  readonly boundMachineId: string | null;
  readonly sessionActive: boolean;
  /** Offline-converted licenses stay bound to their machine until expiry (R5). */
  readonly offline: boolean;
}

/** What the server loads for a node-locked activation; `transfer` asks to move a license from another machine. */
export interface NodeLockedActivationInput {
  readonly machineId: string;
  readonly fixedMachine: boolean;
  readonly licenses: readonly NodeLockedLicense[];
  readonly transfer?: boolean;
}

/** The license to use, whether to bind it to this machine, and the machine it moves from (if any). */
export interface NodeLockedActivationDecision {
  readonly licenseId: string;
  readonly bind: boolean;
  readonly transferredFrom: string | null;
}

/** R25: one license ↔ one machine, one session each; a machine may hold several; online transfer is free. */
export function decideNodeLockedActivation(
  input: NodeLockedActivationInput,
): Result<NodeLockedActivationDecision> {
  if (!input.fixedMachine) {
    return fail('FIXED_MACHINE_REQUIRED', 'A node-locked license needs a machine with a fixed machine ID.');
  }
  const idle = input.licenses.filter((license) => !license.sessionActive);
  const own = idle.find((license) => license.boundMachineId === input.machineId);
  if (own) return ok({ licenseId: own.licenseId, bind: false, transferredFrom: null });
  const free = idle.find((license) => license.boundMachineId === null);
  if (free) return ok({ licenseId: free.licenseId, bind: true, transferredFrom: null });
  const movable = idle.find((license) => !license.offline);
  if (movable && input.transfer === true) {
    return ok({ licenseId: movable.licenseId, bind: true, transferredFrom: movable.boundMachineId });
  }
  const hint = movable
    ? ' An idle license on another machine can be transferred here at no cost.'
    : ' Every license is bound to a busy or offline machine.';
  return quotaRefusal('LICENSE_QUOTA_EXCEEDED', `No node-locked license is free for this machine.${hint}`, {
    transferable: movable?.licenseId ?? null,
  });
}
