import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { ok, type Result } from '../../shared/result';
import { hashOsUser } from '../../shared/machine-id/derive-machine-id';
import { writeFileAtomic } from './atomic-file';
import { hardwareFactsReader, type StagedFactsReader } from './hardware-facts';
import { mainLog } from './error-log';
import { machineSnapshotSchema, sameMachine, type MachineSnapshot } from './machine-snapshot';
import { readProbe, type FactsSource, type ProbeRead } from './probe-read';

export { machineSnapshotSchema, snapshotFromFacts, type MachineSnapshot } from './machine-snapshot';
export type { FactsSource } from './probe-read';

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
  /**
   * The snapshot once the details (disk serial, MAC, platform names) read after the identity are in:
   * for what sends the whole snapshot (activation) and for benches that must not overlap probes.
   */
  complete(): Promise<Result<MachineSnapshot>>;
  /** Probes again (background re-check) and reports whether the machine ID changed. */
  recheck(): Promise<Result<{ changed: boolean; snapshot: MachineSnapshot }>>;
}

/** Cache file name inside the data folder. */
export const MACHINE_CACHE_FILE = 'machine.json';

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
  /** The background completion under way, if any (`complete` waits for it). */
  let completing: Promise<void> = Promise.resolve();
  const cacheFile = dataDir === undefined ? undefined : join(dataDir, MACHINE_CACHE_FILE);
  /** Rewrites the cache file (fsynced) only when it would say something new; the answer stands without it. */
  const store = async (onDisk: MachineSnapshot | undefined, next: Result<MachineSnapshot>): Promise<void> => {
    if (!next.ok || !cacheFile || sameMachine(onDisk, next.value)) return;
    await writeFileAtomic(cacheFile, JSON.stringify(next.value)).catch((error: unknown) =>
      mainLog().warn({ err: error }, 'The machine ID cache could not be written'),
    );
  };
  /** Completes `answer` in the background; it becomes the cached answer unless a later read came first. */
  const completeLater = (read: ProbeRead, answer: MachineSnapshot, onDisk: MachineSnapshot | undefined) => {
    const mine = generation;
    completing = read.complete().then(async (full) => {
      if (!full.ok || sameMachine(answer, full.value) || mine !== generation) return;
      cached = Promise.resolve(full);
      await store(onDisk, full);
      if (full.value.machineId !== answer.machineId) onChange();
    });
  };
  /** Probes the hardware now; the answer is cached (file and memory) before it is returned. */
  const probe = async (): Promise<Result<MachineSnapshot>> => {
    generation += 1;
    const result = await readProbe(staged, now);
    if (!result.quick.ok) return result.quick;
    await store(undefined, result.quick);
    completeLater(result, result.quick.value, result.quick.value);
    return result.quick;
  };
  const fresh = async (): Promise<Result<MachineSnapshot>> => {
    const before = cached ? await cached : undefined;
    const result = await readProbe(staged, now);
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
    const result = await readProbe(staged, now);
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
        completing = verifyCache(parsed.data).catch((error: unknown) =>
          mainLog().warn({ err: error }, 'The machine ID could not be checked against the hardware'),
        );
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
    complete: async () => {
      await snapshot();
      await completing;
      return snapshot();
    },
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
