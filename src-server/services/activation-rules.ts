import { decideKreActivation } from '../../shared/domain/kre-activation';
import { decidePerUserActivation, isFixedMachine } from '../../shared/domain/per-user';
import { decideSeatUse } from '../../shared/domain/seat-grant';
import { decideFloatingActivation } from '../../shared/domain/floating';
import { decideMachineRegistration } from '../../shared/domain/sessions';
import { ok, type Result } from '../../shared/result';
import { NOTHING, type ActivationFacts, type ActivationPlan } from './activation-facts';
import { planNodeLocked } from './node-locked-plan';
import { floatingSpans } from '../repositories/floating-slots';
import { seatOf } from '../repositories/seat-store';
import { usageLine } from '../repositories/line-units';
import { liveActivations, liveSessions, machineHolding, usedLicenses } from '../repositories/usage';
import { machineRegistered, registeredMachineCount } from '../repositories/machine-registration';

/** Whether the caller holds a seat on the line (R1, R19): the fact `decideSeatUse` decides from. */
export const hasSeat = async (f: Pick<ActivationFacts, 'trx' | 'sub' | 'userId'>): Promise<boolean> =>
  (await seatOf(f.trx, f.sub.id, f.userId)) !== undefined;

/** R21 from indexed facts: whether the machine is registered, and only if not, how many machines are. */
async function registration(f: ActivationFacts): Promise<Result<unknown>> {
  const alreadyRegistered = await machineRegistered(f.trx, f.sub.id, f.machine.ref);
  return decideMachineRegistration({
    alreadyRegistered,
    registeredMachines: alreadyRegistered ? 0 : await registeredMachineCount(f.trx, f.sub.id),
    machineQuota: f.sub.machineQuota,
  });
}

/** Applies the subscription's model (R19, R20–R22, R25, R26, R1) by calling the shared decision for it. */
export async function planActivation(f: ActivationFacts): Promise<Result<ActivationPlan>> {
  const kind = f.sub.kind;
  if (kind === 'per-user') {
    const mine = await liveSessions(f.trx, f.sub.id, f.now, f.ttlSeconds, { userId: f.userId });
    const active = mine[0] ? { sessionId: mine[0].id, machineId: mine[0].machine_id } : null;
    const decision = decidePerUserActivation({
      licensed: await hasSeat(f),
      machineId: f.machine.machineId,
      fixedMachine: isFixedMachine(f.machine.virtualization),
      activeSession: active,
    });
    if (!decision.ok) return decision;
    const registered = await registration(f);
    if (!registered.ok) return registered;
    const end = decision.value.endSession;
    return ok({
      ...NOTHING,
      openSession: true,
      resumeSessionId: decision.value.resumeSessionId,
      endSessions: end && active ? [{ ...end, machineId: active.machineId }] : [],
    });
  }
  if (kind === 'seat') {
    const seat = decideSeatUse(f.sub.product.name, await hasSeat(f));
    if (!seat.ok) return seat;
    const registered = await registration(f);
    return registered.ok ? ok(NOTHING) : registered;
  }
  if (kind === 'session' && f.sub.product.offline === null) {
    // R2: cloud session products (TestCloud) reserve nothing per machine; sessions alone count.
    const registered = await registration(f);
    return registered.ok ? ok(NOTHING) : registered;
  }
  if (kind === 'session') {
    // R22: machine-bound session products (those the catalog lets go offline, i.e. KRE) reserve a license per machine.
    const line = usageLine(f.sub, f.sub.product);
    const q = { now: f.now, ttlSeconds: f.ttlSeconds };
    const decision = decideKreActivation({
      actor: { isMember: true, hasApiKey: true },
      machineReserved: (await machineHolding(f.trx, line, f.machine.machineId, q)).held,
      used: await usedLicenses(f.trx, line, f.now, f.ttlSeconds),
      quota: f.sub.quota,
    });
    if (!decision.ok) return decision;
    const registered = await registration(f);
    return registered.ok ? ok(NOTHING) : registered;
  }
  if (kind === 'node-locked') return planNodeLocked(f);
  if (kind === 'floating') {
    const spans = await floatingSpans(f.trx, f.sub.id, f.sub.quota);
    const decision = decideFloatingActivation({
      licenses: spans,
      registeredMachineIds: (await liveActivations(f.trx, f.sub.id)).map((a) => a.machine_id),
      machineId: f.machine.machineId,
    });
    if (!decision.ok) return decision;
  }
  // R26 floating and R3 TrueTest take nothing per machine: their sessions (slots, applications) count.
  const registered = await registration(f);
  return registered.ok ? ok(NOTHING) : registered;
}
