import { fail, ok, type Result } from '../result';
import { quotaRefusal } from './quota';

/** What the server loads for a KRE activation (R20, R22): the actor and whether the machine holds a license. */
export interface KreActivationInput {
  readonly actor: { readonly isMember: boolean; readonly hasApiKey: boolean };
  /** This machine ID holds a KRE reservation (Online Licenses) or an unexpired offline file (R9): line-use.ts `MachineHolding.held`. */
  readonly machineReserved: boolean;
  /** Licenses the line uses now (line-use.ts `licensesUsed`: also parallel sessions beyond a machine's first). */
  readonly used: number;
  readonly quota: number;
}

/** Whether the activation takes a new reservation or reuses the machine's existing one. */
export interface KreActivationDecision {
  readonly reserve: boolean;
  readonly remaining: number;
}

/** R20/R22: any member with an API key activates; the machine reserves a license until deactivated. */
export function decideKreActivation(input: KreActivationInput): Result<KreActivationDecision> {
  if (!input.actor.hasApiKey) {
    return fail(
      'UNAUTHENTICATED',
      'Activating Katalon Runtime Engine needs your API key; set it and try again.',
    );
  }
  if (!input.actor.isMember) {
    return fail(
      'NOT_A_MEMBER',
      'Only members of the organization can use its Katalon Runtime Engine licenses.',
    );
  }
  if (input.machineReserved) return ok({ reserve: false, remaining: input.quota - input.used });
  if (input.used + 1 > input.quota) {
    return quotaRefusal(
      'LICENSE_QUOTA_EXCEEDED',
      `${input.quota === 1 ? 'The only Katalon Runtime Engine license is' : `All ${input.quota} Katalon Runtime Engine licenses are`} in use by machines and their sessions. Ask an Owner or Admin to deactivate a machine ID in License Management to free one.`,
      { used: input.used, quota: input.quota },
    );
  }
  return ok({ reserve: true, remaining: input.quota - input.used - 1 });
}
