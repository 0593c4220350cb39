import { fail, ok, type Result } from '../result';
import { quotaRefusal } from './quota';

/**
 * What the server loads for a KRE activation (R20, R22): the actor, whether the machine ID holds a
 * license (a KRE reservation or an unexpired offline file, R9: line-use.ts `MachineHolding.held`) and
 * the licenses the line uses now (line-use.ts `licensesUsed`: also parallel sessions beyond a
 * machine's first). A machine holding a license takes no new one, so it may leave the line uncounted
 * (null: refreshing a machine, most activations, reads no count); any other machine must be counted.
 */
export type KreActivationInput = {
  readonly actor: { readonly isMember: boolean; readonly hasApiKey: boolean };
  readonly quota: number;
} & (
  | { readonly machineReserved: true; readonly used: number | null }
  | { readonly machineReserved: false; readonly used: number }
);

/** Whether the activation takes a new reservation or reuses the machine's existing one. */
export interface KreActivationDecision {
  readonly reserve: boolean;
  /** Licenses left after this activation; null when the line was not counted (a reserved machine). */
  readonly remaining: number | null;
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
  if (input.machineReserved)
    return ok({ reserve: false, remaining: input.used === null ? null : input.quota - input.used });
  if (input.used + 1 > input.quota) {
    return quotaRefusal(
      'LICENSE_QUOTA_EXCEEDED',
      `${input.quota === 1 ? 'The only Katalon Runtime Engine license is' : `All ${input.quota} Katalon Runtime Engine licenses are`} in use by machines and their sessions. Ask an Owner or Admin to deactivate a machine ID in License Management to free one.`,
      { used: input.used, quota: input.quota },
    );
  }
  return ok({ reserve: true, remaining: input.quota - input.used - 1 });
}
