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
import { liveActivations, liveSessions, usedLicenses } from '../repositories/usage';
import { machineFacts, type MachineFacts } from '../repositories/machine-registration';

/** Whether the caller holds a seat on the line (R1, R19): the fact `decideSeatUse` decides from. */
export const hasSeat = async (f: Pick<ActivationFacts, 'trx' | 'sub' | 'userId'>): Promise<boolean> =>
  (await seatOf(f.trx, f.sub.id, f.userId)) !== undefined;

/** The machine's facts (R9, R21, R22) in one indexed statement (machine-registration.ts `machineFacts`). */
const factsOf = (f: ActivationFacts): Promise<MachineFacts> =>
  machineFacts(f.trx, usageLine(f.sub, f.sub.product), f.machine, f.now);

/** R21: whether the machine is registered, and only if not, how many machines are; read now or already. */
async function registration(f: ActivationFacts, read?: MachineFacts): Promise<Result<unknown>> {
  const facts = read ?? (await factsOf(f));
  return decideMachineRegistration({
    alreadyRegistered: facts.registered,
    registeredMachines: facts.registeredMachines,
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
    // A machine already holding a license (a refresh) takes none, so the line is counted only for others.
    const facts = await factsOf(f);
    const actor = { isMember: true, hasApiKey: true };
    const decision = facts.held
      ? decideKreActivation({ actor, machineReserved: true, used: null, quota: f.sub.quota })
      : decideKreActivation({
          actor,
          machineReserved: false,
          used: await usedLicenses(f.trx, usageLine(f.sub, f.sub.product), f.now, f.ttlSeconds),
          quota: f.sub.quota,
        });
    if (!decision.ok) return decision;
    const registered = await registration(f, facts);
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
