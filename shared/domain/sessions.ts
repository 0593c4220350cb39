import { fail, ok, type Result } from '../result';
import { quotaRefusal } from './quota';

/**
 * R2/R21: the licenses the line uses now (line-use.ts `licensesUsed`), its quota, and whether the
 * session adds one: false when the machine's reservation or offline file covers it (line-use.ts
 * `addsLicense`), and then the line may be left uncounted (`used` null: nothing new is taken).
 */
export type SessionCheckoutInput = { readonly quota: number } & (
  | { readonly addsLicense: false; readonly used: number | null }
  | { readonly addsLicense: true; readonly used: number }
);

/** R2/R21: each session takes one license (a machine's own reservation covers its first); never beyond the quota. */
export function decideSessionCheckout(
  input: SessionCheckoutInput,
): Result<{ readonly remaining: number | null }> {
  if (!input.addsLicense) return ok({ remaining: input.used === null ? null : input.quota - input.used });
  if (input.used + 1 > input.quota) {
    return quotaRefusal(
      'SESSION_QUOTA_EXCEEDED',
      `${input.quota === 1 ? 'The only license is' : `All ${input.quota} licenses are`} in use by running sessions; try again when a session ends.`,
      { active: input.used, quota: input.quota },
    );
  }
  return ok({ remaining: input.quota - input.used - 1 });
}

/** R21: whether this machine is already registered, how many distinct machines are, and the machine quota. */
export interface MachineRegistrationInput {
  /** This machine ID already holds a live activation of the subscription. */
  readonly alreadyRegistered: boolean;
  /** Distinct machine IDs holding a live activation (not read when `alreadyRegistered`). */
  readonly registeredMachines: number;
  readonly machineQuota: number;
}

/** R21: registered machine IDs never exceed the machine quota; a known machine is not counted twice. */
export function decideMachineRegistration(
  input: MachineRegistrationInput,
): Result<{ readonly alreadyRegistered: boolean }> {
  if (input.alreadyRegistered) return ok({ alreadyRegistered: true });
  if (input.registeredMachines + 1 > input.machineQuota) {
    return fail(
      'MACHINE_QUOTA_EXCEEDED',
      `This subscription already has ${input.registeredMachines} of ${input.machineQuota} machines registered; remove a machine ID in License Management first.`,
      { registered: input.registeredMachines, machineQuota: input.machineQuota },
    );
  }
  return ok({ alreadyRegistered: false });
}
