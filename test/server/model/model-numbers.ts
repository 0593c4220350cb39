import { allocationTree, type AllocationTree } from '../../../shared/domain/allocation-tree';
import { withChargedUsage } from '../../../shared/domain/dedication-charge';
import {
  licensesUsed,
  machineLicenses,
  reservesMachine,
  type LineUse,
} from '../../../shared/domain/line-use';
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

/** Per machine ID: held (offline file or KRE reservation), live sessions, and who it is charged to (R9, R22). */
export function machineHoldings(m: Model, p: ProductName) {
  const held = new Map<string, { held: boolean; sessions: number; node: string }>();
  const at = (machine: string) =>
    held.get(machine) ?? {
      held: false,
      sessions: 0,
      node: homeOf(m.offline.find((o) => o.product === p && o.machine === machine)?.user ?? null),
    };
  const online = (machine: string) => ({ ...at(machine), node: homeOf(ownerOf(machine)) });
  for (const o of m.offline.filter((x) => x.product === p))
    held.set(o.machine, { ...at(o.machine), held: true });
  if (reservesMachine(TERMS[p].kind, true))
    for (const machine of activatedMachines(m, p)) held.set(machine, { ...online(machine), held: true });
  for (const s of liveSessions(m, p)) {
    const h = online(s.machine);
    held.set(s.machine, { ...h, sessions: h.sessions + 1 });
  }
  return held;
}

/** What a line uses now, in the shared LineUse terms (R9, R16). */
export const lineUseOf = (m: Model, p: ProductName): LineUse => ({
  seats: p === 'kse' ? m.seats.size : 0,
  reservedMachines: activatedMachines(m, p).length,
  liveSessions: liveSessions(m, p).length,
  offlineLicenses: offlineMachines(m, p).length,
  applications: 0,
  machineLicenses: [...machineHoldings(m, p).values()].reduce((n, h) => n + machineLicenses(h), 0),
});

/** R9: what every check compares to the quota and every screen shows, from the shared count. */
export const usedLicenses = (m: Model, p: ProductName): number =>
  licensesUsed(TERMS[p].kind, lineUseOf(m, p));

/** R16 Subscription Details of a product's line, from the shared rule. */
export function detailsOf(m: Model, p: ProductName) {
  const online = activatedMachines(m, p);
  const details = subscriptionDetails({
    quota: TERMS[p].quota,
    machineQuota: TERMS[p].machineQuota,
    endsAt: 0,
    used: usedLicenses(m, p),
    licensedUserIds: [...m.seats],
    onlineMachineIds: online,
    offlineMachineIds: offlineMachines(m, p),
  });
  return {
    used: details.usedLicenses,
    available: details.availableLicenses,
    machinesRegistered: details.registeredMachines.length,
  };
}

/** Units of a product in use per node: seats and offline files, or machine licenses, at the user's node (R13). */
function unitsByNode(m: Model, p: ProductName): Map<string, number> {
  const units = new Map<string, number>();
  const add = (node: string, n = 1) => units.set(node, (units.get(node) ?? 0) + n);
  if (p === 'kse') {
    for (const u of m.seats) add(homeOf(u));
    for (const o of m.offline.filter((x) => x.product === p)) add(homeOf(o.user));
  } else for (const h of machineHoldings(m, p).values()) add(h.node, machineLicenses(h));
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
