import { isFixedMachine } from '../../shared/domain/per-user';
import { decideNodeLockedActivation } from '../../shared/domain/node-locked';
import { ok, type Result } from '../../shared/result';
import { NOTHING, type ActivationFacts, type ActivationPlan } from './activation-facts';
import { liveActivations, liveSessions, offlineMachineIds } from '../repositories/usage';

/** R25: the subscription's licenses as bound (live activations, offline files) or free slots, then the shared rule. */
export async function planNodeLocked(f: ActivationFacts): Promise<Result<ActivationPlan>> {
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
    fixedMachine: isFixedMachine(f.machine.virtualization),
    licenses: [...bound, ...free],
    transfer: f.transfer,
  });
  if (!decision.ok) return decision;
  return ok({
    ...NOTHING,
    deactivate: decision.value.transferredFrom !== null ? [decision.value.licenseId] : [],
  });
}
