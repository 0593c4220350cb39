import { readFile, access } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { cpuComponentRaw } from '../../shared/machine-id/components';
import type { VirtualizationHints } from '../../shared/machine-id/detect-virtualization';
import { mainLog } from './error-log';

/** Raw facts read from this machine; a value that could not be read is undefined, never invented. */
export interface HardwareFacts {
  components: {
    osMachineId?: string;
    systemUuid?: string;
    baseboardSerial?: string;
    diskSerial?: string;
    cpu?: string;
    primaryMac?: string;
  };
  osUser: string;
  /** `process.platform`: R11 compares the user name the way this OS does (case-insensitive only on win32). */
  platform: string;
  virtualization: VirtualizationHints;
}

/** The exports of a CommonJS package loaded with import(), whichever way the loader wrapped them. */
const cjsExports = <T extends object>(module: T | { default: T }): T =>
  'default' in module && typeof module.default === 'object' && module.default !== null
    ? module.default
    : (module as T);

/** A fact that cannot be read is left out of the fingerprint (the others still identify the machine), and logged. */
const tryRead = async <T>(read: () => Promise<T>, fact = 'a hardware fact'): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    mainLog().warn({ err: error, fact }, 'A hardware fact could not be read');
    return undefined;
  }
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const containerMarkers = async (): Promise<string[]> => {
  const markers: string[] = [];
  if (await tryRead(() => access('/.dockerenv').then(() => true))) markers.push('dockerenv');
  if (await tryRead(() => access('/run/.containerenv').then(() => true))) markers.push('containerenv');
  const cgroup = (await tryRead(() => readFile('/proc/1/cgroup', 'utf8'))) ?? '';
  for (const name of ['docker', 'kubepods', 'containerd', 'lxc', 'podman'])
    if (cgroup.includes(name)) markers.push(`cgroup:${name}`);
  return markers;
};

/** Reads the machine-identity components and virtualization hints without root. */
export const readHardwareFacts = async (): Promise<HardwareFacts> => {
  // Loaded here, not at start-up: systeminformation is most of the CLI's code and a cached probe never needs it.
  const [siModule, machineIdModule] = await Promise.all([
    import('systeminformation'),
    import('node-machine-id'),
  ]);
  // CommonJS packages: Node puts them under `default`, tsx and some bundles expose the names directly.
  const si = cjsExports(siModule);
  const nodeMachineId = cjsExports(machineIdModule);
  const [osMachineId, system, baseboard, disks, cpu, nics, markers] = await Promise.all([
    tryRead(() => nodeMachineId.machineId(true)),
    tryRead(() => si.system()),
    tryRead(() => si.baseboard()),
    tryRead(() => si.diskLayout()),
    tryRead(() => si.cpu()),
    tryRead(() => si.networkInterfaces()),
    containerMarkers(),
  ]);
  const nicList = Array.isArray(nics) ? nics : nics ? [nics] : [];
  const primary =
    nicList.find((nic) => nic.default && !nic.internal) ??
    nicList.find((nic) => !nic.internal && !nic.virtual);
  return {
    components: {
      osMachineId: text(osMachineId),
      systemUuid: text(system?.uuid),
      baseboardSerial: text(baseboard?.serial),
      diskSerial: text(disks?.find((disk) => text(disk.serialNum))?.serialNum),
      cpu: cpuComponentRaw(text(cpu && `${cpu.manufacturer} ${cpu.brand}`.trim()), cpu?.cores),
      primaryMac: text(primary?.mac),
    },
    osUser: userInfo().username,
    platform: process.platform,
    virtualization: {
      systemManufacturer: text(system?.manufacturer),
      systemModel: text(system?.model),
      virtualHost: text(system?.virtualHost) ?? (system?.virtual ? 'virtual' : undefined),
      cpuHypervisorFlag: cpu ? /hypervisor/.test(cpu.flags) : undefined,
      containerMarkers: markers,
    },
  };
};
