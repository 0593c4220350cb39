import type { Transaction } from 'kysely';
import { decideKreActivation } from '../../shared/domain/kre-activation';
import { decideNodeLockedActivation } from '../../shared/domain/node-locked';
import { decidePerUserActivation } from '../../shared/domain/per-user';
import { decideMachineRegistration } from '../../shared/domain/sessions';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import type { MachineRef } from './machines';
import type { LockedSubscription } from './subscriptions';
import { liveActivations, liveSessions, offlineMachineIds } from './usage';

/** What the activation must do after the model's rule said yes. */
export interface ActivationPlan {
  readonly openSession: boolean;
  readonly resumeSessionId: string | null;
  readonly endSessions: { sessionId: string; machineId: string; reason: string }[];
  readonly deactivate: string[];
}

/** Facts each model's rule reads; loaded inside the locked transaction. */
export interface ActivationFacts {
  readonly trx: Transaction<Database>;
  readonly sub: LockedSubscription;
  readonly machine: MachineRef;
  readonly userId: string;
  readonly now: number;
  readonly ttlSeconds: number;
  readonly transfer: boolean;
}

const NOTHING: ActivationPlan = {
  openSession: false,
  resumeSessionId: null,
  endSessions: [],
  deactivate: [],
};
const fixed = (m: MachineRef): boolean => m.virtualization !== 'container';

async function hasSeat(f: ActivationFacts): Promise<boolean> {
  const seat = await f.trx
    .selectFrom('seat_assignments')
    .select('id')
    .where('subscription_id', '=', f.sub.id)
    .where('user_id', '=', f.userId)
    .executeTakeFirst();
  return seat !== undefined;
}

async function registration(f: ActivationFacts): Promise<Result<unknown>> {
  const registered = (await liveActivations(f.trx, f.sub.id)).map((a) => a.machine_id);
  return decideMachineRegistration({
    registeredMachineIds: registered,
    machineId: f.machine.machineId,
    machineQuota: f.sub.machineQuota,
  });
}

/** Applies the subscription's model (R19, R20–R22, R25, R26, R1) by calling the shared decision for it. */
export async function planActivation(f: ActivationFacts): Promise<Result<ActivationPlan>> {
  const kind = f.sub.kind;
  if (kind === 'per-user') {
    const mine = (await liveSessions(f.trx, f.sub.id, f.now, f.ttlSeconds)).filter(
      (s) => s.user_id === f.userId,
    );
    const active = mine[0] ? { sessionId: mine[0].id, machineId: mine[0].machine_id } : null;
    const decision = decidePerUserActivation({
      licensed: await hasSeat(f),
      machineId: f.machine.machineId,
      fixedMachine: fixed(f.machine),
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
    if (!(await hasSeat(f)))
      return fail(
        'NOT_LICENSED',
        `You have no ${f.sub.product.name} license; ask an Owner or Admin to grant one.`,
      );
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
    const reserved = [
      ...(await liveActivations(f.trx, f.sub.id)).map((a) => a.machine_id),
      ...(await offlineMachineIds(f.trx, f.sub.id, f.now)),
    ];
    const decision = decideKreActivation({
      actor: { isMember: true, hasApiKey: true },
      machineId: f.machine.machineId,
      reservedMachineIds: [...new Set(reserved)],
      quota: f.sub.quota,
    });
    if (!decision.ok) return decision;
    const registered = await registration(f);
    return registered.ok ? ok(NOTHING) : registered;
  }
  if (kind === 'node-locked') return planNodeLocked(f);
  if (kind === 'floating') {
    const registered = await registration(f);
    return registered.ok ? ok(NOTHING) : registered;
  }
  return fail(
    'VALIDATION_FAILED',
    `${f.sub.product.name} is licensed per application under test, not per machine.`,
  );
}

async function planNodeLocked(f: ActivationFacts): Promise<Result<ActivationPlan>> {
  const activations = await liveActivations(f.trx, f.sub.id);
  const busy = new Set((await liveSessions(f.trx, f.sub.id, f.now, f.ttlSeconds)).map((s) => s.machine_ref));
  const offline = await offlineMachineIds(f.trx, f.sub.id, f.now);
  const bound = [
    ...activations.map((a) => ({
      licenseId: a.id,
      boundMachineId: a.machine_id,
      sessionActive: busy.has(a.machine_ref),
      offline: false,
    })),
    ...offline.map((machineId, i) => ({
      licenseId: `offline-${i}`,
      boundMachineId: machineId,
      sessionActive: false,
      offline: true,
    })),
  ];
  const free = Array.from({ length: Math.max(0, f.sub.quota - bound.length) }, (_, i) => ({
    licenseId: `free-${i}`,
    boundMachineId: null,
    sessionActive: false,
    offline: false,
  }));
  const decision = decideNodeLockedActivation({
    machineId: f.machine.machineId,
    fixedMachine: fixed(f.machine),
    licenses: [...bound, ...free],
    transfer: f.transfer,
  });
  if (!decision.ok) return decision;
  return ok({
    ...NOTHING,
    deactivate: decision.value.transferredFrom !== null ? [decision.value.licenseId] : [],
  });
}
