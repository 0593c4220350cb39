import type { EpochMs } from '../catalog/subscription-terms';

/** A user of the organization as the R28 ranking needs them. */
export interface MigrationUser {
  readonly userId: string;
  /** Holds a generated offline floating license: served first. */
  readonly offlineFloating: boolean;
  /** Last time seen active; null = never, such users receive no license. */
  readonly lastActiveAt: EpochMs | null;
}

/** One per-User license given at migration, with why this user got it. */
export interface MigrationGrant {
  readonly userId: string;
  readonly reason: string;
}

const byRecency = (a: MigrationUser, b: MigrationUser): number =>
  (b.lastActiveAt ?? -Infinity) - (a.lastActiveAt ?? -Infinity) || a.userId.localeCompare(b.userId);

/** R28: P licenses go first to offline floating holders, then to unique users by last activity, newest first. */
export function rankPerUserGrants(
  users: readonly MigrationUser[],
  licenses: number,
): readonly MigrationGrant[] {
  const unique = [...new Map(users.map((user) => [user.userId, user])).values()];
  const offline = unique.filter((user) => user.offlineFloating).sort(byRecency);
  const active = unique.filter((user) => !user.offlineFloating && user.lastActiveAt !== null).sort(byRecency);
  const offlineGrants = offline.map((user) => ({
    userId: user.userId,
    reason: 'Holds an offline floating license, so is served first.',
  }));
  const activeGrants = active.map((user, index) => ({
    userId: user.userId,
    reason: `Last seen active ${new Date(user.lastActiveAt ?? 0).toISOString()} (most recent #${index + 1}).`,
  }));
  return [...offlineGrants, ...activeGrants].slice(0, Math.max(0, licenses));
}
