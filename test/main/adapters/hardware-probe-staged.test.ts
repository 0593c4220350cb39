import { describe, expect, it, vi } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { HardwareFacts, StagedFactsReader } from '../../../src-main/adapters/hardware-facts';
import {
  createHardwareProbe,
  MACHINE_CACHE_FILE,
  snapshotFromFacts,
} from '../../../src-main/adapters/hardware-probe';
import { ProbeTimeoutError } from '../../../src-main/adapters/probe-timeout';
import { details, identityFacts } from '../support-hardware-facts';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

/** A staged reader whose details arrive only when the test says so, counting both steps. */
const controlledReader = (identity: () => Promise<HardwareFacts> = async () => identityFacts) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const calls = { identity: 0, details: 0 };
  const reader: StagedFactsReader = {
    identity: async () => {
      calls.identity += 1;
      return identity();
    },
    details: async (facts) => {
      calls.details += 1;
      await released;
      return { ...facts, components: { ...facts.components, ...details } };
    },
  };
  return { reader, release, calls };
};

const cached = async (dir: string): Promise<{ machineId: string; componentHashes: Record<string, string> }> =>
  JSON.parse(await readFile(join(dir, MACHINE_CACHE_FILE), 'utf8')) as {
    machineId: string;
    componentHashes: Record<string, string>;
  };

describe('hardware probe: identity first, details later', () => {
  it('R12 answers with the final machine ID while the details (disk, MAC) are still being read', async () => {
    const dir = await tempDir();
    const { reader, release } = controlledReader();
    const expected = snapshotFromFacts(
      { ...identityFacts, components: { ...identityFacts.components, ...details } },
      0,
    );
    if (!expected.ok) throw new Error(expected.error.message);
    const probe = createHardwareProbe(dir, reader);
    const first = await probe.snapshot();
    expect(first.ok && first.value.machineId).toBe(expected.value.machineId);
    // The next start is warm already: the identity answer is in machine.json.
    expect((await cached(dir)).machineId).toBe(expected.value.machineId);
    release();
    await vi.waitFor(
      async () => expect(Object.keys((await cached(dir)).componentHashes)).toContain('primaryMac'),
      {
        timeout: 30_000,
      },
    );
    const completed = await probe.snapshot();
    expect(completed.ok && completed.value.componentHashes).toEqual(expected.value.componentHashes);
  });

  it('R11 re-derives the ID from the identity facts alone before an offline license or `run` (fresh)', async () => {
    const dir = await tempDir();
    const { reader, release, calls } = controlledReader();
    const probe = createHardwareProbe(dir, reader);
    const first = await probe.snapshot();
    const fresh = await probe.fresh();
    expect(fresh.ok && first.ok && fresh.value.machineId === first.value.machineId).toBe(true);
    expect(calls.identity).toBe(2);
    // Only the first probe asked for the details; an unchanged ID needs none.
    expect(calls.details).toBe(1);
    release();
  });

  it('R12 corrects an edited machine.json from the identity facts, without waiting for the details', async () => {
    const dir = await tempDir();
    // The cache is only read for the OS user it was written for: this process's user.
    const mine = { ...identityFacts, osUser: userInfo().username };
    const real = await createHardwareProbe(dir, async () => mine).snapshot();
    if (!real.ok) throw new Error(real.error.message);
    await writeFile(
      join(dir, MACHINE_CACHE_FILE),
      JSON.stringify({ ...real.value, machineId: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }),
    );
    const { reader, release } = controlledReader(async () => mine);
    let changed!: () => void;
    const noticed = new Promise<void>((resolve) => (changed = resolve));
    const probe = createHardwareProbe(dir, reader, Date.now, () => changed());
    expect(await probe.machineId()).toEqual({ ok: true, value: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    // The details are still held back: the correction comes from the identity facts.
    await noticed;
    expect(await probe.machineId()).toEqual({ ok: true, value: real.value.machineId });
    expect((await cached(dir)).machineId).toBe(real.value.machineId);
    release();
  });

  it('waits for the details when no identity component can be read (the ID then comes from disk and MAC)', async () => {
    const { reader, release } = controlledReader(async () => ({ ...identityFacts, components: {} }));
    const pending = createHardwareProbe(undefined, reader).snapshot();
    release();
    const answer = await pending;
    const expected = snapshotFromFacts({ ...identityFacts, components: details }, 0);
    expect(answer.ok && expected.ok && answer.value.machineId === expected.value.machineId).toBe(true);
  });

  it('R12 refuses with MACHINE_UNIDENTIFIABLE, not a hang or another ID, when an identity read times out', async () => {
    const reader: StagedFactsReader = {
      identity: () => Promise.reject(new ProbeTimeoutError('the system UUID', 20_000)),
      details: async (facts) => facts,
    };
    const probe = createHardwareProbe(await tempDir(), reader);
    expect(await probe.snapshot()).toMatchObject({
      ok: false,
      error: { code: 'MACHINE_UNIDENTIFIABLE', details: { fact: 'the system UUID', timeoutMs: 20_000 } },
    });
    expect(await probe.fresh()).toMatchObject({ ok: false, error: { code: 'MACHINE_UNIDENTIFIABLE' } });
  });
});
