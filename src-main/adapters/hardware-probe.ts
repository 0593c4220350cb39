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
import { mainLog } from './error-log';

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

/**
 * Access to the machine identity. `snapshot` may answer from the cache file (fast start-up, display
 * only); `fresh` always re-derives from the hardware and is what every decision that honours a license
 * for this machine uses (offline import, `run`, session checkout, activation).
 */
export interface HardwareProbe {
  snapshot(): Promise<Result<MachineSnapshot>>;
  machineId(): Promise<Result<string>>;
  /** Probes the hardware now (never the cache file), and makes the result the cached answer. */
  fresh(): Promise<Result<MachineSnapshot>>;
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
const sameMachine = (a: MachineSnapshot | undefined, b: MachineSnapshot): boolean =>
  a !== undefined && JSON.stringify({ ...a, probedAt: 0 }) === JSON.stringify({ ...b, probedAt: 0 });

/**
 * Creates the probe; `readFacts` is injectable so a test can play another OS user on the same hardware
 * (R11). `onChange` hears when a probe disagrees with the answer given before (e.g. an edited cache file),
 * so the status shown from the cache is corrected within one probe.
 */
export const createHardwareProbe = (
  dataDir: string | undefined,
  readFacts: () => Promise<HardwareFacts> = readHardwareFacts,
  now: () => number = Date.now,
  onChange: () => void = () => undefined,
): HardwareProbe => {
  let cached: Promise<Result<MachineSnapshot>> | undefined;
  const cacheFile = dataDir === undefined ? undefined : join(dataDir, MACHINE_CACHE_FILE);
  /** Probes the hardware; the cache file is rewritten (fsynced) only when it would say something new. */
  const probe = async (cachedNow?: MachineSnapshot): Promise<Result<MachineSnapshot>> => {
    const result = snapshotFromFacts(await readFacts(), now());
    if (result.ok && cacheFile && !sameMachine(cachedNow, result.value))
      // The cache only speeds up the next start; the probe's answer stands without it.
      await writeFileAtomic(cacheFile, JSON.stringify(result.value)).catch((error: unknown) =>
        mainLog().warn({ err: error }, 'The machine ID cache could not be written'),
      );
    return result;
  };
  const fresh = async (): Promise<Result<MachineSnapshot>> => {
    const before = cached ? await cached : undefined;
    const result = await probe();
    if (!result.ok) return result;
    cached = Promise.resolve(result);
    if (before?.ok && before.value.machineId !== result.value.machineId) onChange();
    return result;
  };
  const fromCache = async (): Promise<Result<MachineSnapshot>> => {
    if (cacheFile) {
      const parsed = machineSnapshotSchema.safeParse(
        await readFile(cacheFile, 'utf8').then(JSON.parse, () => undefined),
      );
      if (parsed.success && parsed.data.osUserHash === hashOsUser(userInfo().username, process.platform)) {
        // The cache is a hint for a fast start; the hardware has the last word within one probe.
        void probe(parsed.data).then((result) => {
          if (!result.ok) return;
          cached = Promise.resolve(result);
          if (result.value.machineId !== parsed.data.machineId) onChange();
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
    fresh,
    recheck: async () => {
      const before = await snapshot();
      const result = await fresh();
      if (!result.ok) return result;
      return ok({
        changed: !before.ok || before.value.machineId !== result.value.machineId,
        snapshot: result.value,
      });
    },
  };
};
