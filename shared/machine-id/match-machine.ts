import { COMPONENT_NAMES, type ComponentHashes, type ComponentName } from './components';

/** Fewest matching components for a "same machine" verdict; one lucky match is not enough. */
export const MIN_MATCHING_COMPONENTS = 2;

/** Share of the components known on both sides that must still match (a disk or NIC swap is tolerated). */
export const MIN_MATCH_SHARE = 2 / 3;

/** Why the server did or did not recognize a machine, for the audit log and the admin console. */
export interface MachineMatch {
  readonly sameMachine: boolean;
  /** matched / comparable, 0 when nothing is comparable. */
  readonly score: number;
  readonly matched: readonly ComponentName[];
  /** Known on both sides with different values: hardware that was replaced. */
  readonly changed: readonly ComponentName[];
  /** Known on one side only: not evidence either way. */
  readonly unknown: readonly ComponentName[];
}

/**
 * Recognizes a machine whose hardware changed a little: same machine when at least
 * MIN_MATCHING_COMPONENTS components match and they are at least MIN_MATCH_SHARE of the components
 * present on both sides.
 */
export const matchMachine = (registered: ComponentHashes, presented: ComponentHashes): MachineMatch => {
  const matched: ComponentName[] = [];
  const changed: ComponentName[] = [];
  const unknown: ComponentName[] = [];
  for (const name of COMPONENT_NAMES) {
    const before = registered[name];
    const now = presented[name];
    if (before === undefined || now === undefined) {
      if (before !== now) unknown.push(name);
    } else if (before === now) {
      matched.push(name);
    } else {
      changed.push(name);
    }
  }
  const comparable = matched.length + changed.length;
  const score = comparable === 0 ? 0 : matched.length / comparable;
  const sameMachine = matched.length >= MIN_MATCHING_COMPONENTS && score >= MIN_MATCH_SHARE;
  return { sameMachine, score, matched, changed, unknown };
};
