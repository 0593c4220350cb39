import { allocationTree, type AllocationTree } from '../../../shared/domain/allocation-tree';
import { withChargedUsage } from '../../../shared/domain/dedication-charge';
import { licensesUsed, ONLINE_USE, type LineUse } from '../../../shared/domain/line-use';
import { subscriptionDetails } from '../../../shared/domain/subscription-details';
import {
  activatedMachines,
  homeOf,
  liveSessions,
  offlineMachines,
  ownerOf,
  ROOT,
  SUB,
  type Model,
} from './model';
import { TERMS, type ProductName } from './world';

// The numbers the model's state implies, from shared/ rules only: R9 (what a line uses), R13/R14
// (the charged allocation tree), R16 (License Management).

/** What a line uses now, in the shared LineUse terms (R9, R16). */
export const lineUseOf = (m: Model, p: ProductName): LineUse => ({
  seats: p === 'kse' ? m.seats.size : 0,
  reservedMachines: activatedMachines(m, p).length,
  liveSessions: liveSessions(m, p).length,
  offlineLicenses: offlineMachines(m, p).length,
  applications: 0,
});

/** Licenses attributed online by the line's kind (R16), from the shared table. */
export const onlineUsed = (m: Model, p: ProductName) => lineUseOf(m, p)[ONLINE_USE[TERMS[p].kind]];

/**
 * R9: what grants and offline creation compare to the quota: the shared count, and for KRE also the
 * running sessions (R21: each takes a license), so a file never makes sessions + offline exceed it.
 */
export function usedLicenses(m: Model, p: ProductName): number {
  const use = lineUseOf(m, p);
  const counted = licensesUsed(TERMS[p].kind, use);
  return p === 'kre' ? Math.max(counted, use.liveSessions + use.offlineLicenses) : counted;
}

/** R16 Subscription Details of a product's line, from the shared rule. */
export function detailsOf(m: Model, p: ProductName) {
  const online = activatedMachines(m, p);
  const details = subscriptionDetails({
    quota: TERMS[p].quota,
    machineQuota: TERMS[p].machineQuota,
    endsAt: 0,
    onlineUsed: onlineUsed(m, p),
    licensedUserIds: [...m.seats],
    onlineMachineIds: online,
    offlineMachineIds: offlineMachines(m, p),
  });
  return { available: details.availableLicenses, machinesRegistered: details.registeredMachines.length };
}

/** Units of a product in use per node: seats or reservations at the user's node, offline files too (R13). */
function unitsByNode(m: Model, p: ProductName): Map<string, number> {
  const units = new Map<string, number>();
  const add = (node: string) => units.set(node, (units.get(node) ?? 0) + 1);
  if (p === 'kse') for (const u of m.seats) add(homeOf(u));
  else for (const machine of activatedMachines(m, p)) add(homeOf(ownerOf(machine)));
  for (const o of m.offline.filter((x) => x.product === p)) add(homeOf(o.user));
  return units;
}

/** R14: the root holds the line's quota, the sub-organization its dedication, usage charged where used. */
export function chargedTree(m: Model, p: ProductName): AllocationTree {
  const tree = allocationTree([
    { id: ROOT, parentId: null, dedicated: { [p]: TERMS[p].quota }, assigned: {} },
    { id: SUB, parentId: ROOT, dedicated: { [p]: m.dedicated[p] }, assigned: {} },
  ]);
  if (!tree.ok) throw new Error(tree.error.message);
  return withChargedUsage(tree.value, p, unitsByNode(m, p));
}
