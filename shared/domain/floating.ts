import { fail, ok, type Result } from '../result';
import type { ActiveSession } from './per-user';
import { quotaRefusal } from './quota';

/** R26 (004): a floating license is shared across at most three machines. */
export const FLOATING_MACHINE_LIMIT = 3;

/** One floating license: the machines it has been used on and its running session. */
export interface FloatingLicense {
  readonly licenseId: string;
  readonly machineIds: readonly string[];
  readonly activeSession: ActiveSession | null;
}

/** Whether the checkout adds this machine to the license, or resumes its own running session. */
export interface FloatingCheckoutDecision {
  readonly licenseId: string;
  readonly addMachine: boolean;
  readonly resumeSessionId: string | null;
}

/**
 * R26: one session at a time per license, on at most three distinct machines. A busy license is a
 * quota refusal (every license the quota allows is running: R17's sentence leads); the machine span is
 * a limit on machines, not on licenses, and keeps its own sentence.
 */
export function decideFloatingCheckout(
  license: FloatingLicense,
  machineId: string,
): Result<FloatingCheckoutDecision> {
  const { licenseId, activeSession } = license;
  if (activeSession && activeSession.machineId === machineId) {
    return ok({ licenseId, addMachine: false, resumeSessionId: activeSession.sessionId });
  }
  if (activeSession) {
    return quotaRefusal(
      'SESSION_ACTIVE_ELSEWHERE',
      `This floating license is in use on machine ${activeSession.machineId}; it allows one session at a time.`,
      { licenseId, machineId: activeSession.machineId },
    );
  }
  const known = new Set(license.machineIds);
  if (known.has(machineId)) return ok({ licenseId, addMachine: false, resumeSessionId: null });
  if (known.size >= FLOATING_MACHINE_LIMIT) {
    return fail(
      'FLOATING_MACHINE_LIMIT',
      `This floating license is already used on ${known.size} machines, the most it may span; remove one of them first.`,
      { licenseId, machineIds: [...known] },
    );
  }
  return ok({ licenseId, addMachine: true, resumeSessionId: null });
}

/** R26 over several floating licenses (a pool or a user's own): the best that accepts, else why none can. */
export function chooseFloatingLicense(
  licenses: readonly FloatingLicense[],
  machineId: string,
): Result<FloatingCheckoutDecision> {
  const decisions = licenses.map((license) => decideFloatingCheckout(license, machineId));
  const resumed = decisions.find((d) => d.ok && d.value.resumeSessionId !== null);
  const known = decisions.find((d) => d.ok && !d.value.addMachine);
  const accepted = resumed ?? known ?? decisions.find((d) => d.ok);
  if (accepted) return accepted;
  if (licenses.length === 0) return fail('NOT_LICENSED', 'There is no floating license for this product.');
  if (licenses.length === 1 && decisions[0]) return decisions[0];
  const idle = licenses.filter((license) => license.activeSession === null).length;
  return idle === 0
    ? quotaRefusal(
        'SESSION_ACTIVE_ELSEWHERE',
        `All ${licenses.length} floating licenses are in use; try again when a session ends.`,
      )
    : fail(
        'FLOATING_MACHINE_LIMIT',
        idle === 1
          ? `The free floating license already spans ${FLOATING_MACHINE_LIMIT} machines; remove a machine from it first.`
          : `The ${idle} free floating licenses each already span ${FLOATING_MACHINE_LIMIT} machines; remove a machine from one of them first.`,
      );
}

/** What the server loads for a floating activation: the licenses' spans and the machines already activated. */
export interface FloatingActivationInput {
  readonly licenses: readonly FloatingLicense[];
  readonly registeredMachineIds: readonly string[];
  readonly machineId: string;
}

/**
 * R26 at activation: a new machine is accepted only while some floating license could still run on
 * it; machines the licenses span plus machines already activated never exceed three per license.
 */
export function decideFloatingActivation(
  input: FloatingActivationInput,
): Result<{ readonly known: boolean }> {
  const known = new Set([...input.licenses.flatMap((l) => l.machineIds), ...input.registeredMachineIds]);
  if (known.has(input.machineId)) return ok({ known: true });
  const most = input.licenses.length * FLOATING_MACHINE_LIMIT;
  if (known.size >= most) {
    return fail(
      'FLOATING_MACHINE_LIMIT',
      `The ${input.licenses.length} floating license(s) already span ${known.size} machines, at most ${FLOATING_MACHINE_LIMIT} each; remove a machine ID in License Management first.`,
      { machines: known.size, most },
    );
  }
  const idle = chooseFloatingLicense(
    input.licenses.map((l) => ({ ...l, activeSession: null })),
    input.machineId,
  );
  return idle.ok ? ok({ known: false }) : idle;
}
