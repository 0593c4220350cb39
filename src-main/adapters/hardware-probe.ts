import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
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
import { hardwareFactsReader, type HardwareFacts, type StagedFactsReader } from './hardware-facts';
import { ProbeTimeoutError } from './probe-timeout';
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

/** An injected reader may be one function (every fact at once) or the staged reader the agent uses. */
export type FactsSource = (() => Promise<HardwareFacts>) | StagedFactsReader;

/** One read of the hardware: the snapshot from the identity facts, and a way to complete it with the details. */
interface ProbeRead {
  quick: Result<MachineSnapshot>;
  complete: () => Promise<Result<MachineSnapshot>>;
}

/**
 * Creates the probe; `readFacts` is injectable so a test can play another OS user on the same hardware
 * (R11). A probe answers as soon as the identity facts are read (the machine ID is then final) and
 * completes the snapshot with the details (disk serial, MAC, platform names) in the background.
 * `onChange` hears when a probe disagrees with the answer given before (e.g. an edited cache file), so the
 * status shown from the cache is corrected within one probe.
 */
export const createHardwareProbe = (
  dataDir: string | undefined,
  readFacts: FactsSource = hardwareFactsReader,
  now: () => number = Date.now,
  onChange: () => void = () => undefined,
): HardwareProbe => {
  const staged: StagedFactsReader =
    typeof readFacts === 'function' ? { identity: readFacts, details: async (facts) => facts } : readFacts;
  let cached: Promise<Result<MachineSnapshot>> | undefined;
  /** Counts reads, so a slow background completion never replaces the answer of a later read. */
  let generation = 0;
  const cacheFile = dataDir === undefined ? undefined : join(dataDir, MACHINE_CACHE_FILE);
  /** Rewrites the cache file (fsynced) only when it would say something new; the answer stands without it. */
  const store = async (onDisk: MachineSnapshot | undefined, next: Result<MachineSnapshot>): Promise<void> => {
    if (!next.ok || !cacheFile || sameMachine(onDisk, next.value)) return;
    await writeFileAtomic(cacheFile, JSON.stringify(next.value)).catch((error: unknown) =>
      mainLog().warn({ err: error }, 'The machine ID cache could not be written'),
    );
  };
  const read = async (): Promise<ProbeRead> => {
    let identity: HardwareFacts;
    try {
      identity = await staged.identity();
    } catch (error) {
      if (!(error instanceof ProbeTimeoutError)) throw error;
      const timedOut = fail(
        'MACHINE_UNIDENTIFIABLE',
        `${error.message} The machine ID cannot be made; try again.`,
        {
          fact: error.fact,
          timeoutMs: error.timeoutMs,
        },
      );
      return { quick: timedOut, complete: async () => timedOut };
    }
    const quick = snapshotFromFacts(identity, now());
    const complete = () =>
      staged.details(identity).then(
        (facts) => snapshotFromFacts(facts, now()),
        (error: unknown) => {
          mainLog().warn({ err: error }, 'The hardware details could not be read');
          return quick;
        },
      );
    // No identity component could be read: the ID falls back to disk serial and MAC, so wait for them.
    if (!quick.ok) {
      const full = await complete();
      return { quick: full, complete: async () => full };
    }
    return { quick, complete };
  };
  /** Completes `answer` in the background; it becomes the cached answer unless a later read came first. */
  const completeLater = (read: ProbeRead, answer: MachineSnapshot, onDisk: MachineSnapshot | undefined) => {
    const mine = generation;
    void read.complete().then(async (full) => {
      if (!full.ok || sameMachine(answer, full.value) || mine !== generation) return;
      cached = Promise.resolve(full);
      await store(onDisk, full);
      if (full.value.machineId !== answer.machineId) onChange();
    });
  };
  /** Probes the hardware now; the answer is cached (file and memory) before it is returned. */
  const probe = async (): Promise<Result<MachineSnapshot>> => {
    generation += 1;
    const result = await read();
    if (!result.quick.ok) return result.quick;
    await store(undefined, result.quick);
    completeLater(result, result.quick.value, result.quick.value);
    return result.quick;
  };
  const fresh = async (): Promise<Result<MachineSnapshot>> => {
    const before = cached ? await cached : undefined;
    const result = await read();
    if (!result.quick.ok) return result.quick;
    // Same ID as the answer held: that answer (maybe already complete) stays; no details to read again.
    if (before?.ok && before.value.machineId === result.quick.value.machineId) return result.quick;
    generation += 1;
    cached = Promise.resolve(result.quick);
    await store(undefined, result.quick);
    completeLater(result, result.quick.value, result.quick.value);
    if (before?.ok) onChange();
    return result.quick;
  };
  /** Re-derives from the hardware after answering from the cache file; a different ID replaces it at once. */
  const verifyCache = async (fromFile: MachineSnapshot): Promise<void> => {
    const mine = (generation += 1);
    const result = await read();
    if (!result.quick.ok || mine !== generation) return;
    let answer = fromFile;
    if (result.quick.value.machineId !== fromFile.machineId) {
      answer = result.quick.value;
      cached = Promise.resolve(result.quick);
      await store(fromFile, result.quick);
      onChange();
    }
    const full = await result.complete();
    if (!full.ok || mine !== generation) return;
    if (!sameMachine(answer, full.value)) cached = Promise.resolve(full);
    await store(answer, full);
  };
  const fromCache = async (): Promise<Result<MachineSnapshot>> => {
    if (cacheFile) {
      const parsed = machineSnapshotSchema.safeParse(
        await readFile(cacheFile, 'utf8').then(JSON.parse, () => undefined),
      );
      if (parsed.success && parsed.data.osUserHash === hashOsUser(userInfo().username, process.platform)) {
        // The cache is a hint for a fast start; the hardware has the last word within one probe.
        void verifyCache(parsed.data);
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
