import { fail, type Result } from '../../shared/result';
import { mainLog } from './error-log';
import type { HardwareFacts, StagedFactsReader } from './hardware-facts';
import { snapshotFromFacts, type MachineSnapshot } from './machine-snapshot';
import { ProbeTimeoutError } from './probe-timeout';

/** An injected reader may be one function (every fact at once) or the staged reader the agent uses. */
export type FactsSource = (() => Promise<HardwareFacts>) | StagedFactsReader;

/** One read of the hardware: the snapshot from the identity facts, and a way to complete it with the details. */
export interface ProbeRead {
  quick: Result<MachineSnapshot>;
  complete: () => Promise<Result<MachineSnapshot>>;
}

/**
 * Reads the identity facts and derives the snapshot from them; `complete` adds the details. When no
 * identity component could be read, the details are waited for (the ID then falls back to them). An
 * identity read that timed out is a typed refusal.
 */
export const readProbe = async (staged: StagedFactsReader, now: () => number): Promise<ProbeRead> => {
  let identity: HardwareFacts;
  try {
    identity = await staged.identity();
  } catch (error) {
    if (!(error instanceof ProbeTimeoutError)) throw error;
    const timedOut = fail(
      'MACHINE_UNIDENTIFIABLE',
      `${error.message} The machine ID cannot be made; try again.`,
      {
        fact: error.fact,
        timeoutMs: error.timeoutMs,
      },
    );
    return { quick: timedOut, complete: async () => timedOut };
  }
  const quick = snapshotFromFacts(identity, now());
  const complete = () =>
    staged.details(identity).then(
      (facts) => snapshotFromFacts(facts, now()),
      (error: unknown) => {
        mainLog().warn({ err: error }, 'The hardware details could not be read');
        return quick;
      },
    );
  // No identity component could be read: the ID falls back to disk serial and MAC, so wait for them.
  if (!quick.ok) {
    const full = await complete();
    return { quick: full, complete: async () => full };
  }
  return { quick, complete };
};
