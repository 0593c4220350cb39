import type { LicenseKind } from '../catalog/product';

/** What one subscription line uses now, counted by the server from its rows (R9, R16). */
export interface LineUse {
  /** Seat assignments (R1, R19). */
  readonly seats: number;
  /** Distinct machines holding a live activation (R22 reservations, R25 bindings). */
  readonly reservedMachines: number;
  /** Live sessions: not ended, heard from within the TTL (R21, R26). */
  readonly liveSessions: number;
  /** Unexpired offline licenses (R9). */
  readonly offlineLicenses: number;
  /** Distinct applications under test of live sessions (R3). */
  readonly applications: number;
}

/** The measure of online use a kind is counted by. */
export type OnlineMeasure = 'seats' | 'reservedMachines' | 'liveSessions' | 'applications';

/** R1, R3, R19, R22, R25, R26: the one table of what each license kind uses online. */
export const ONLINE_USE: Readonly<Record<LicenseKind, OnlineMeasure>> = {
  'per-user': 'seats',
  seat: 'seats',
  session: 'reservedMachines',
  'node-locked': 'reservedMachines',
  floating: 'liveSessions',
  aut: 'applications',
};

/** R9: whether offline licenses of this kind count against its quota (TrueTest has none). */
export const countsOffline = (kind: LicenseKind): boolean => kind !== 'aut';

/** R9: licenses a line uses = its online measure + its offline licenses; what grants, offline creation and License Management compare to the quota. */
export function licensesUsed(kind: LicenseKind, use: LineUse): number {
  return use[ONLINE_USE[kind]] + (countsOffline(kind) ? use.offlineLicenses : 0);
}
