import type { LicenseKind } from '../catalog/product';

/** What one subscription line uses now, counted by the server from its rows (R9, R16). */
export interface LineUse {
  /** Seat assignments (R1, R19). */
  readonly seats: number;
  /** Distinct machines holding a live activation (R16 Online Licenses, R21 machine quota). */
  readonly reservedMachines: number;
  /** Live sessions: not ended, heard from within the TTL (R21, R26). */
  readonly liveSessions: number;
  /** Unexpired offline licenses (R9). */
  readonly offlineLicenses: number;
  /** Distinct applications under test of live sessions (R3). */
  readonly applications: number;
  /** Licenses held by machines: the sum of `machineLicenses` over the line's machine IDs (R9, R21, R22, R25, R26). */
  readonly machineLicenses: number;
}

/** The measure a kind's licenses are counted by. */
export type UseMeasure = 'seats' | 'machines' | 'applications';

/** R1, R3, R19, R21, R22, R25, R26: the one table of what each license kind is counted by. */
export const USE_MEASURE: Readonly<Record<LicenseKind, UseMeasure>> = {
  'per-user': 'seats',
  seat: 'seats',
  session: 'machines',
  'node-locked': 'machines',
  floating: 'machines',
  aut: 'applications',
};

/** What one machine ID holds of a line now. */
export interface MachineHolding {
  /** It holds a license by itself: an unexpired offline file (R5, R9) or a reserving activation (R22, R25). */
  readonly held: boolean;
  /** Its live sessions (R21, R26). */
  readonly sessions: number;
}

/**
 * R9, R21, R22: licenses one machine ID uses. What it holds (offline file, reservation, or both: one
 * machine, one license) covers one session; each further parallel session takes one more.
 */
export const machineLicenses = (m: MachineHolding): number => Math.max(m.held ? 1 : 0, m.sessions);

/** R9, R21, R22: whether a new session (or offline file / reservation) on this machine takes one more license. */
export function addsLicense(before: MachineHolding, change: 'session' | 'hold'): boolean {
  const after =
    change === 'session' ? { ...before, sessions: before.sessions + 1 } : { ...before, held: true };
  return machineLicenses(after) > machineLicenses(before);
}

/**
 * R22, R25: whether an online activation reserves a license for its machine: node-locked lines and
 * the machine-bound session products (those the catalog lets go offline: KRE). TestCloud sessions
 * and floating lines reserve nothing at activation; their sessions count.
 */
export const reservesMachine = (kind: LicenseKind, offlineAllowed: boolean): boolean =>
  kind === 'node-locked' || (kind === 'session' && offlineAllowed);

/** R9: the counts `licensesUsed` reads for each measure, so enforcement counts only those (the rest may be 0). */
export const MEASURE_COUNTS: Readonly<Record<UseMeasure, readonly (keyof LineUse)[]>> = {
  seats: ['seats', 'offlineLicenses'],
  machines: ['machineLicenses'],
  applications: ['applications'],
};

/** R9: licenses a line uses, what every check compares to the quota and every screen shows. */
export function licensesUsed(kind: LicenseKind, use: LineUse): number {
  const measure = USE_MEASURE[kind];
  if (measure === 'seats') return use.seats + use.offlineLicenses;
  return measure === 'applications' ? use.applications : use.machineLicenses;
}
