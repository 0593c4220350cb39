import type { EpochMs } from '../catalog/subscription-terms';
import type { MigrationUser } from './per-user-priority';
import type { PlannedGrant, PlannedRelease } from './renewal-plan-types';

const when = (at: EpochMs | null): string =>
  at === null ? 'never seen active' : `last seen active ${new Date(at).toISOString()}`;

/**
 * R28's priority applied to users who already hold a per-User license, when a renewal lowers the
 * quantity: offline floating holders first, then the most recently active; the rest are named as released.
 */
export function rankKeepers(
  holders: readonly string[],
  users: readonly MigrationUser[],
  licenses: number,
): { grants: PlannedGrant[]; released: PlannedRelease[] } {
  const facts = new Map(users.map((u) => [u.userId, u]));
  const ranked = [...new Set(holders)]
    .map((userId) => facts.get(userId) ?? { userId, offlineFloating: false, lastActiveAt: null })
    .sort(
      (a, b) =>
        Number(b.offlineFloating) - Number(a.offlineFloating) ||
        (b.lastActiveAt ?? -Infinity) - (a.lastActiveAt ?? -Infinity) ||
        a.userId.localeCompare(b.userId),
    );
  const grants = ranked.slice(0, Math.max(0, licenses)).map((u, i) => ({
    userId: u.userId,
    rank: i + 1,
    reason: `Keeps their per-User license: ${u.offlineFloating ? 'holds an offline floating license' : when(u.lastActiveAt)} (R28 priority #${i + 1}).`,
  }));
  const released = ranked.slice(Math.max(0, licenses)).map((u, i) => ({
    userId: u.userId,
    reason: `Loses their per-User license: the new term has ${licenses} and they rank #${licenses + i + 1} by R28 priority (${when(u.lastActiveAt)}).`,
  }));
  return { grants, released };
}
