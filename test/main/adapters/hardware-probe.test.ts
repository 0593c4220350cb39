import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHardwareProbe, MACHINE_CACHE_FILE } from '../../../src-main/adapters/hardware-probe';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { parseMachineId } from '../../../shared/machine-id/machine-id-format';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

describe('hardware probe (this machine, real systeminformation)', () => {
  it('R12 gives the same machine ID on every fresh probe of the same user and hardware', async () => {
    const first = await createHardwareProbe(undefined).machineId();
    const second = await createHardwareProbe(undefined).machineId();
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect(first.ok && parseMachineId(first.value).ok).toBe(true);
  });

  it('R11 gives another OS user on the same hardware another machine ID', async () => {
    const facts = await readHardwareFacts();
    const mine = await createHardwareProbe(undefined, async () => facts).machineId();
    const theirs = await createHardwareProbe(undefined, async () => ({
      ...facts,
      osUser: `${facts.osUser}-other`,
    })).machineId();
    expect(mine.ok && theirs.ok).toBe(true);
    expect(theirs).not.toEqual(mine);
  });

  it('treats unreadable components as missing, never invented', async () => {
    const facts = await readHardwareFacts();
    const probe = createHardwareProbe(undefined, async () => ({
      ...facts,
      components: { osMachineId: facts.components.osMachineId, baseboardSerial: 'To be filled by O.E.M.' },
    }));
    const snapshot = await probe.snapshot();
    expect(snapshot.ok && Object.keys(snapshot.value.componentHashes)).toEqual(
      facts.components.osMachineId ? ['osMachineId'] : [],
    );
  });

  it('detects that this test machine runs in a container or VM', async () => {
    const snapshot = await createHardwareProbe(undefined).snapshot();
    expect(snapshot.ok && snapshot.value.virtualization).toMatch(/container|virtual-machine/);
  });

  it('caches hashes only (no raw serials) and answers from the cache on the next start', async () => {
    const dir = await tempDir();
    const facts = await readHardwareFacts();
    const counting = async () => facts;
    const first = await createHardwareProbe(dir, counting).snapshot();
    const cache = await readFile(join(dir, MACHINE_CACHE_FILE), 'utf8');
    for (const raw of Object.values(facts.components))
      if (raw && raw.length > 6) expect(cache).not.toContain(raw);
    const again = await createHardwareProbe(dir, counting).machineId();
    expect(again.ok && first.ok && again.value === first.value.machineId).toBe(true);
  });

  it('recheck reports whether the machine ID changed', async () => {
    const facts = await readHardwareFacts();
    let user = facts.osUser;
    const probe = createHardwareProbe(undefined, async () => ({ ...facts, osUser: user }));
    await probe.snapshot();
    expect(await probe.recheck()).toMatchObject({ ok: true, value: { changed: false } });
    user = 'someone-else';
    expect(await probe.recheck()).toMatchObject({ ok: true, value: { changed: true } });
  });

  it('re-derives the machine ID from the hardware (fresh), whatever an edited machine.json says', async () => {
    const dir = await tempDir();
    const facts = await readHardwareFacts();
    const real = await createHardwareProbe(dir, async () => facts).snapshot();
    if (!real.ok) throw new Error(real.error.message);
    const cachePath = join(dir, MACHINE_CACHE_FILE);
    await writeFile(cachePath, JSON.stringify({ ...real.value, machineId: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }));
    const fresh = await createHardwareProbe(dir, async () => facts).fresh();
    expect(fresh.ok && fresh.value.machineId).toBe(real.value.machineId);
    expect(JSON.parse(await readFile(cachePath, 'utf8')).machineId).toBe(real.value.machineId);
  });

  it('answers from an edited cache first, then corrects itself within one probe and says so', async () => {
    const dir = await tempDir();
    const facts = await readHardwareFacts();
    const real = await createHardwareProbe(dir, async () => facts).snapshot();
    if (!real.ok) throw new Error(real.error.message);
    await writeFile(
      join(dir, MACHINE_CACHE_FILE),
      JSON.stringify({ ...real.value, machineId: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }),
    );
    let changed!: () => void;
    const noticed = new Promise<void>((resolve) => (changed = resolve));
    const probe = createHardwareProbe(
      dir,
      async () => facts,
      Date.now,
      () => changed(),
    );
    expect(await probe.machineId()).toEqual({ ok: true, value: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    await noticed;
    expect(await probe.machineId()).toEqual({ ok: true, value: real.value.machineId });
  });
});
