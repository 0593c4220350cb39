import { readFile, access } from 'node:fs/promises';
import { userInfo } from 'node:os';
import si from 'systeminformation';
import nodeMachineId from 'node-machine-id';

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
  virtualization: { manufacturer?: string; model?: string; virtual?: boolean; virtualHost?: string; containerMarkers: string[] };
}

const tryRead = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await read();
  } catch {
    return undefined;
  }
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

const containerMarkers = async (): Promise<string[]> => {
  const markers: string[] = [];
  if (await tryRead(() => access('/.dockerenv').then(() => true))) markers.push('dockerenv');
  if (await tryRead(() => access('/run/.containerenv').then(() => true))) markers.push('containerenv');
  const cgroup = (await tryRead(() => readFile('/proc/1/cgroup', 'utf8'))) ?? '';
  for (const name of ['docker', 'kubepods', 'containerd', 'lxc', 'podman']) if (cgroup.includes(name)) markers.push(`cgroup:${name}`);
  return markers;
};

/** Reads the machine-identity components and virtualization hints without root. */
export const readHardwareFacts = async (): Promise<HardwareFacts> => {
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
  const primary = nicList.find((nic) => nic.default && !nic.internal) ?? nicList.find((nic) => !nic.internal && !nic.virtual);
  const cpuText = cpu && text(cpu.brand) ? `${cpu.manufacturer} ${cpu.brand} ${cpu.physicalCores}c` : undefined;
  return {
    components: {
      osMachineId: text(osMachineId),
      systemUuid: text(system?.uuid),
      baseboardSerial: text(baseboard?.serial),
      diskSerial: text(disks?.find((disk) => text(disk.serialNum))?.serialNum),
      cpu: cpuText,
      primaryMac: text(primary?.mac),
    },
    osUser: userInfo().username,
    virtualization: {
      manufacturer: text(system?.manufacturer),
      model: text(system?.model),
      virtual: system?.virtual,
      virtualHost: text(system?.virtualHost),
      containerMarkers: markers,
    },
  };
};
