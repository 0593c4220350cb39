import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { dedicate } from '../../../shared/domain/allocation-ops';
import { decideDedicatedUse } from '../../../shared/domain/dedication-charge';
import { decideOfflineCreation } from '../../../shared/domain/offline';
import { decideSeatGrant } from '../../../shared/domain/seat-grant';
import { decideRemoval, decideTransfer } from '../../../shared/domain/transfer-removal';
import { fail, ok, type Result } from '../../../shared/result';
import {
  deactivateKeys,
  endSessions,
  homeOf,
  reaches,
  ROOT,
  SUB,
  type Model,
  type ModelSession,
} from './model';
import { addsLicense } from '../../../shared/domain/line-use';
import { chargedTree, machineHoldings, usedLicenses } from './model-numbers';
import { TERMS, type ProductName, type UserName } from './world';

// What the model expects of the Owner/Admin operations (R8, R13–R15, R17, R23, R24), decided by
// the shared rules; a success carries the change to apply to the model once the server agreed.

/** A change to the model, applied after the server answered like the model expected. */
export type Effect = (m: Model, serverSessionId?: string) => void;

/** An expectation: success with its effect, or the refusal codes the server may answer (ties, R23). */
export type Expected =
  { readonly ok: true; readonly value: Effect } | { readonly ok: false; readonly codes: readonly string[] };

/** A shared decision as an expectation. */
export const expected = (r: Result<Effect>): Expected => (r.ok ? r : { ok: false, codes: [r.error.code] });

/** A deep enough copy to try an effect before the server is asked. */
export function cloneModel(m: Model): Model {
  return {
    now: m.now,
    seats: new Set(m.seats),
    activations: new Set(m.activations),
    history: new Map([...m.history].map(([k, rows]) => [k, rows.map((r) => ({ ...r }))])),
    members: new Set(m.members),
    revoked: new Set(m.revoked),
    sessions: m.sessions.map((s): ModelSession => ({ ...s })),
    offline: [...m.offline],
    dedicated: { ...m.dedicated },
  };
}

/** R13/R14: after the use, the consumer's dedication holder must still be within its pool. */
export function guarded(m: Model, p: ProductName, consumerNode: string, effect: Effect): Result<Effect> {
  const after = cloneModel(m);
  effect(after, 'tentative');
  const decision = decideDedicatedUse(
    chargedTree(after, p),
    { consumerNodeId: consumerNode, productId: p, productName: p },
    (id) => id,
  );
  return decision.ok ? ok(effect) : decision;
}

/** R23: dropping a seat ends its use: the user's KSE activations and sessions, coded SEAT_REMOVED. */
const dropSeat = (m: Model, u: UserName) => {
  m.seats.delete(u);
  deactivateKeys(m, (k) => k.startsWith(`kse|${u}|`), 'SEAT_REMOVED');
  endSessions(m, (s) => s.product === 'kse' && s.user === u, 'SEAT_REMOVED');
};

/** R1/R15/R17 grant of a KSE seat by the owner. */
export function expectGrant(m: Model, u: UserName): Result<Effect> {
  const d = decideSeatGrant({
    actorRole: 'owner',
    // R13–R15: a member of the sub-organization is a member under the root the owner grants through.
    target: { isMember: reaches(m, u), alreadyLicensed: m.seats.has(u) },
    used: usedLicenses(m, 'kse'),
    quota: TERMS.kse.quota,
  });
  return d.ok ? guarded(m, 'kse', homeOf(u), (x) => void x.seats.add(u)) : d;
}

/** R23 removal of a licensed user. */
export function expectRevoke(m: Model, u: UserName): Result<Effect> {
  const d = decideRemoval('owner', { kind: 'licensed-user', licensed: m.seats.has(u) });
  return d.ok ? ok((x) => dropSeat(x, u)) : d;
}

/** R24 transfer of a seat from one user to another. */
export function expectTransfer(m: Model, from: UserName, to: UserName): Result<Effect> {
  const d = decideTransfer({
    actorRole: 'owner',
    offline: !m.seats.has(from) && m.offline.some((o) => o.product === 'kse' && o.user === from),
    from: { licensed: m.seats.has(from) },
    to: { isMember: reaches(m, to), alreadyLicensed: m.seats.has(to) },
    used: usedLicenses(m, 'kse'),
    quota: TERMS.kse.quota,
  });
  if (!d.ok) return d;
  return guarded(m, 'kse', homeOf(to), (x) => {
    dropSeat(x, from);
    x.seats.add(to);
  });
}

/** R5–R9 offline creation by the owner, for a user or for the organization. */
export function expectOffline(m: Model, p: ProductName, machine: string, u: UserName | null): Result<Effect> {
  const product = DEFAULT_CATALOG.products.find((x) => x.id === p);
  if (product === undefined) throw new Error(`no product ${p}`);
  if (u !== null && !reaches(m, u)) return fail('NOT_A_MEMBER', 'Not a member.');
  // One per machine and product: while the machine holds one, that one is answered again.
  if (m.offline.some((o) => o.product === p && o.machine === machine))
    return guarded(m, p, homeOf(u), () => {});
  const d = decideOfflineCreation({
    actorRole: 'owner',
    product,
    machineId: machine,
    subscription: { endsAt: Number.MAX_SAFE_INTEGER, billingCycle: 'multi-year', kind: TERMS[p].kind },
    now: m.now,
    used: usedLicenses(m, p),
    quota: TERMS[p].quota,
    addsLicense: addsLicense(machineHoldings(m, p).get(machine) ?? { held: false, sessions: 0 }, 'hold'),
  });
  if (!d.ok) return d;
  return guarded(m, p, homeOf(u), (x) => void x.offline.push({ product: p, machine, user: u }));
}

/** R14: the owner sets the sub-organization's dedication of a product. */
export function expectDedicate(m: Model, p: ProductName, count: number): Result<Effect> {
  const d = dedicate(chargedTree(m, p), { parentId: ROOT, childId: SUB, productId: p, count });
  return d.ok ? ok((x) => void (x.dedicated[p] = count)) : d;
}
