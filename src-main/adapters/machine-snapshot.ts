import * as z from 'zod/mini';
import { ok, type Result } from '../../shared/result';
import {
  COMPONENT_NAMES,
  componentHashesSchema,
  type ComponentHashes,
} from '../../shared/machine-id/components';
import { deriveMachineId, hashOsUser } from '../../shared/machine-id/derive-machine-id';
import { detectVirtualization } from '../../shared/machine-id/detect-virtualization';
import { hashComponent, normalizeComponent } from '../../shared/machine-id/normalize-component';
import type { HardwareFacts } from './hardware-facts';

/** What the agent knows about this machine: hashes only, raw serials never kept or sent. */
export const machineSnapshotSchema = z.object({
  machineId: z.string(),
  componentHashes: componentHashesSchema,
  osUserHash: z.string(),
  virtualization: z.enum(['physical', 'virtual-machine', 'container', 'unknown']),
  probedAt: z.number(),
});
/** One probe of this machine. */
export type MachineSnapshot = z.infer<typeof machineSnapshotSchema>;

/** Turns raw facts into the snapshot with the shared/machine-id normalizer, hasher, derivation and classifier. */
export const snapshotFromFacts = (facts: HardwareFacts, now: number): Result<MachineSnapshot> => {
  const hashes: ComponentHashes = {};
  for (const name of COMPONENT_NAMES) {
    const value = normalizeComponent(name, facts.components[name]);
    if (value !== undefined) hashes[name] = hashComponent(name, value);
  }
  const machineId = deriveMachineId(hashes, facts.osUser, facts.platform);
  if (!machineId.ok) return machineId;
  const osUserHash = hashOsUser(facts.osUser, facts.platform);
  return ok({
    machineId: machineId.value,
    componentHashes: hashes,
    osUserHash,
    virtualization: detectVirtualization(facts.virtualization),
    probedAt: now,
  });
};

/** Whether two snapshots describe the same machine the same way (the probe time aside). */
export const sameMachine = (a: MachineSnapshot | undefined, b: MachineSnapshot): boolean =>
  a !== undefined && JSON.stringify({ ...a, probedAt: 0 }) === JSON.stringify({ ...b, probedAt: 0 });
