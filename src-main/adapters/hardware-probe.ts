import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ok, type Result } from '../../shared/result';
import {
  COMPONENT_NAMES,
  componentHashesSchema,
  type ComponentHashes,
} from '../../shared/machine-id/components';
import { deriveMachineId, hashOsUser } from '../../shared/machine-id/derive-machine-id';
import { detectVirtualization } from '../../shared/machine-id/detect-virtualization';
import { hashComponent, normalizeComponent } from '../../shared/machine-id/normalize-component';
import { userInfo } from 'node:os';
import { writeFileAtomic } from './atomic-file';
import { readHardwareFacts, type HardwareFacts } from './hardware-facts';

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

/** Cached access to the machine identity; the OS is probed once, then re-checked in the background. */
export interface HardwareProbe {
  snapshot(): Promise<Result<MachineSnapshot>>;
  machineId(): Promise<Result<string>>;
  /** Probes again (background re-check) and reports whether the machine ID changed. */
  recheck(): Promise<Result<{ changed: boolean; snapshot: MachineSnapshot }>>;
}

/** Cache file name inside the data folder. */
export const MACHINE_CACHE_FILE = 'machine.json';

/** Turns raw facts into the snapshot with the shared/machine-id normalizer, hasher, derivation and classifier. */
export const snapshotFromFacts = (facts: HardwareFacts, now: number): Result<MachineSnapshot> => {
  const hashes: ComponentHashes = {};
  for (const name of COMPONENT_NAMES) {
    const value = normalizeComponent(name, facts.components[name]);
    if (value !== undefined) hashes[name] = hashComponent(name, value);
  }
  const machineId = deriveMachineId(hashes, facts.osUser);
  if (!machineId.ok) return machineId;
  const osUserHash = hashOsUser(facts.osUser);
  return ok({
    machineId: machineId.value,
    componentHashes: hashes,
    osUserHash,
    virtualization: detectVirtualization(facts.virtualization),
    probedAt: now,
  });
};

/** Creates the probe; `readFacts` is injectable so a test can play another OS user on the same hardware (R11). */
export const createHardwareProbe = (
  dataDir: string | undefined,
  readFacts: () => Promise<HardwareFacts> = readHardwareFacts,
  now: () => number = Date.now,
): HardwareProbe => {
  let cached: Promise<Result<MachineSnapshot>> | undefined;
  const cacheFile = dataDir === undefined ? undefined : join(dataDir, MACHINE_CACHE_FILE);
  const probe = async (): Promise<Result<MachineSnapshot>> => {
    const result = snapshotFromFacts(await readFacts(), now());
    if (result.ok && cacheFile)
      await writeFileAtomic(cacheFile, JSON.stringify(result.value)).catch(() => undefined);
    return result;
  };
  const fromCache = async (): Promise<Result<MachineSnapshot>> => {
    if (cacheFile) {
      const parsed = machineSnapshotSchema.safeParse(
        await readFile(cacheFile, 'utf8').then(JSON.parse, () => undefined),
      );
      if (parsed.success && parsed.data.osUserHash === hashOsUser(userInfo().username)) {
        void probe().then((fresh) => {
          if (fresh.ok) cached = Promise.resolve(fresh);
        });
        return ok(parsed.data);
      }
    }
    return probe();
  };
  const snapshot = () => (cached ??= fromCache());
  return {
    snapshot,
    machineId: async () => {
      const result = await snapshot();
      return result.ok ? ok(result.value.machineId) : result;
    },
    recheck: async () => {
      const before = await snapshot();
      const fresh = await probe();
      if (!fresh.ok) return fresh;
      cached = Promise.resolve(fresh);
      return ok({
        changed: !before.ok || before.value.machineId !== fresh.value.machineId,
        snapshot: fresh.value,
      });
    },
  };
};
