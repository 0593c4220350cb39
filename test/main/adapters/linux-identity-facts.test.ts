import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { writeFile, mkdir as mkdirAsync } from 'node:fs/promises';
import { cpus, hostname, release } from 'node:os';
import { dirname, join } from 'node:path';
import { readLinuxIdentity, type LinuxMachineContext } from '../../../src-main/adapters/linux-identity-facts';
import { readIdentityWithSysteminformation } from '../../../src-main/adapters/systeminformation-facts';
import { readHardwareFacts, readIdentityFacts } from '../../../src-main/adapters/hardware-facts';
import { ProbeTimeoutError } from '../../../src-main/adapters/probe-timeout';
import { snapshotFromFacts } from '../../../src-main/adapters/hardware-probe';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

const DMI = 'sys/devices/virtual/dmi/id';

/** A fixture machine: every file the direct reader looks at, under `root`. */
const writeMachine = async (root: string, files: Readonly<Record<string, string>>): Promise<void> => {
  for (const [path, content] of Object.entries(files)) {
    await mkdirAsync(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
};

const context = (root: string, overrides: Partial<LinuxMachineContext> = {}): LinuxMachineContext => ({
  root,
  hostname: 'fixture-host',
  cores: 8,
  arch: 'x64',
  release: '6.8.0-45-generic',
  ...overrides,
});

const workstation = {
  'etc/machine-id': '0f3c9a8e5b7d4e21a1c2d3e4f5a6b7c8\n',
  [`${DMI}/product_uuid`]: '4c4c4544-0042-3510-8052-b4c04f4d3232\n',
  [`${DMI}/board_serial`]: '/7B5RN42/CNFCW0093H00KR/\n',
  [`${DMI}/sys_vendor`]: 'Dell Inc.\n',
  [`${DMI}/product_name`]: 'Precision 5820 Tower\n',
  'proc/cpuinfo':
    'processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) W-2145 CPU @ 3.70GHz\nflags\t\t: fpu vme sse2\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) W-2145 CPU @ 3.70GHz\n',
};

describe('direct Linux identity reader (fixture machines)', () => {
  it('R12 reads the identity components from the files, spelled as the packages spell them', async () => {
    const root = await tempDir();
    await writeMachine(root, workstation);
    const identity = await readLinuxIdentity(context(root));
    expect(identity).toEqual({
      components: {
        // No D-Bus copy: node-machine-id's `cat` fails, so the host name follows; the first line wins.
        osMachineId: '0f3c9a8e5b7d4e21a1c2d3e4f5a6b7c8',
        systemUuid: '4c4c4544-0042-3510-8052-b4c04f4d3232',
        baseboardSerial: '/7B5RN42/CNFCW0093H00KR/',
        cpu: 'Intel Xeon® W-2145 x8',
      },
      cpuKnown: true,
      virtualization: {
        systemManufacturer: 'Dell Inc.',
        systemModel: 'Precision 5820 Tower',
        virtualHost: undefined,
        cpuHypervisorFlag: false,
      },
    });
  });

  it('leaves out what an ordinary user cannot read and firmware filler, never inventing a value', async () => {
    const root = await tempDir();
    await writeMachine(root, {
      ...workstation,
      [`${DMI}/board_serial`]: 'Default string\n',
      [`${DMI}/product_name`]: 'To Be Filled By O.E.M.\n',
    });
    const { [`${DMI}/product_uuid`]: _unreadable, ...rest } = workstation;
    void _unreadable;
    const other = await tempDir();
    await writeMachine(other, { ...rest, [`${DMI}/board_serial`]: 'Default string\n' });
    const identity = await readLinuxIdentity(context(other));
    expect(identity.components.systemUuid).toBeUndefined();
    expect(identity.components.baseboardSerial).toBeUndefined();
    expect(identity.virtualization.systemModel).toBe('Precision 5820 Tower');
    const filler = await readLinuxIdentity(context(root));
    expect(filler.virtualization.systemModel).toBe('Computer');
  });

  it('hands the CPU to systeminformation where lscpu would name it otherwise (not x86, BIOS name readable)', async () => {
    const arm = await tempDir();
    await writeMachine(arm, workstation);
    expect(await readLinuxIdentity(context(arm, { arch: 'arm64' }))).toMatchObject({
      cpuKnown: false,
      components: { cpu: undefined, osMachineId: '0f3c9a8e5b7d4e21a1c2d3e4f5a6b7c8' },
    });
    const root = await tempDir();
    await writeMachine(root, { ...workstation, 'sys/firmware/dmi/tables/DMI': 'raw table' });
    expect((await readLinuxIdentity(context(root))).cpuKnown).toBe(false);
  });

  it('names a KVM guest and a Docker container as systeminformation does', async () => {
    const root = await tempDir();
    await writeMachine(root, {
      ...workstation,
      [`${DMI}/sys_vendor`]: 'QEMU\n',
      [`${DMI}/product_name`]: 'KVM\n',
      '.dockerenv': '',
      'proc/cpuinfo': 'model name\t: AMD EPYC 7B13\nflags\t\t: fpu hypervisor\n',
    });
    expect((await readLinuxIdentity(context(root))).virtualization).toEqual({
      systemManufacturer: 'QEMU',
      systemModel: 'Docker Container',
      virtualHost: 'KVM',
      cpuHypervisorFlag: true,
    });
  });

  it('R12 refuses with a typed timeout, not a hang, when a file never answers', async () => {
    const root = await tempDir();
    await writeMachine(root, { 'proc/cpuinfo': 'model name\t: AMD EPYC\n' });
    await mkdirAsync(join(root, 'etc'), { recursive: true });
    const fifo = join(root, 'etc/machine-id');
    // A FIFO with no writer: opening it for reading blocks until someone opens the other end.
    execFileSync('mkfifo', [fifo]);
    try {
      await expect(readLinuxIdentity(context(root, { timeoutMs: 300 }))).rejects.toBeInstanceOf(
        ProbeTimeoutError,
      );
    } finally {
      // Releases the blocked read (a writer that closes at once gives it end-of-file).
      closeSync(openSync(fifo, 'w'));
    }
  });
});

describe.runIf(process.platform === 'linux')('direct Linux identity reader (this machine)', () => {
  it('R12 reads the same identity components as node-machine-id and systeminformation, so machine IDs do not change', async () => {
    const direct = await readLinuxIdentity({
      root: '/',
      hostname: hostname(),
      cores: cpus().length,
      arch: process.arch,
      release: release(),
    });
    const packages = await readIdentityWithSysteminformation();
    const expected = direct.cpuKnown ? packages.components : { ...packages.components, cpu: undefined };
    expect(direct.components).toEqual(expected);
    expect(direct.components.osMachineId).toBeDefined();
    const full = await readHardwareFacts();
    const viaPackages = snapshotFromFacts(
      { ...full, components: { ...full.components, ...packages.components } },
      0,
    );
    const identityOnly = snapshotFromFacts(await readIdentityFacts(), 0);
    expect(identityOnly.ok && viaPackages.ok).toBe(true);
    expect(identityOnly.ok && identityOnly.value.machineId).toBe(
      viaPackages.ok && viaPackages.value.machineId,
    );
  });
});
