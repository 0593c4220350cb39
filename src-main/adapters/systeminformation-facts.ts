import type { Systeminformation } from 'systeminformation';
import { cpuComponentRaw } from '../../shared/machine-id/components';
import type { VirtualizationHints } from '../../shared/machine-id/detect-virtualization';
import { mainLog } from './error-log';
import {
  DETAIL_READ_TIMEOUT_MS,
  IDENTITY_READ_TIMEOUT_MS,
  ProbeTimeoutError,
  withTimeout,
} from './probe-timeout';

/** The exports of a CommonJS package loaded with import(), whichever way the loader wrapped them. */
const cjsExports = <T extends object>(module: T | { default: T }): T =>
  'default' in module && typeof module.default === 'object' && module.default !== null
    ? module.default
    : (module as T);

// Loaded on first use, not at start-up: systeminformation is most of the CLI's code and a cached probe never needs it.
const systeminformation = async () => cjsExports(await import('systeminformation'));
const nodeMachineId = async () => cjsExports(await import('node-machine-id'));

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * A fact that cannot be read is left out of the fingerprint (the others still identify the machine), and
 * logged. With `strict`, a read that timed out is thrown instead: leaving an identity component out
 * because a tool hung would silently give the machine another ID.
 */
export const tryRead = async <T>(
  read: () => Promise<T>,
  fact: string,
  timeoutMs: number,
  strict = false,
): Promise<T | undefined> => {
  try {
    return await withTimeout(read, fact, timeoutMs);
  } catch (error) {
    if (strict && error instanceof ProbeTimeoutError) throw error;
    mainLog().warn({ err: error, fact }, 'A hardware fact could not be read');
    return undefined;
  }
};

/** The CPU component as systeminformation reports it ("manufacturer brand xCores"), and its hypervisor flag. */
export const readCpuWithSysteminformation = async (
  timeoutMs = IDENTITY_READ_TIMEOUT_MS,
): Promise<{ cpu?: string; cpuHypervisorFlag?: boolean }> => {
  const si = await systeminformation();
  const cpu = await tryRead(() => si.cpu(), 'the CPU', timeoutMs, true);
  return {
    cpu: cpuComponentRaw(text(cpu && `${cpu.manufacturer} ${cpu.brand}`.trim()), cpu?.cores),
    cpuHypervisorFlag: cpu ? /hypervisor/.test(cpu.flags) : undefined,
  };
};

/** What systeminformation says about the platform (vendor, model, hypervisor), for the virtualization class. */
const platformHints = (system: Systeminformation.SystemData | undefined) => ({
  systemManufacturer: text(system?.manufacturer),
  systemModel: text(system?.model),
  virtualHost: text(system?.virtualHost) ?? (system?.virtual ? 'virtual' : undefined),
});

/**
 * The identity components through the packages (node-machine-id, systeminformation), each call in
 * parallel and bounded: what macOS and Windows use, and the reference the direct Linux reader is compared to.
 */
export const readIdentityWithSysteminformation = async (
  timeoutMs = IDENTITY_READ_TIMEOUT_MS,
): Promise<{
  components: { osMachineId?: string; systemUuid?: string; baseboardSerial?: string; cpu?: string };
  virtualization: VirtualizationHints;
}> => {
  const [si, machineId] = await Promise.all([systeminformation(), nodeMachineId()]);
  const [osMachineId, system, baseboard, cpu] = await Promise.all([
    tryRead(() => machineId.machineId(true), 'the OS machine ID', timeoutMs, true),
    tryRead(() => si.system(), 'the system UUID', timeoutMs, true),
    tryRead(() => si.baseboard(), 'the board serial', timeoutMs, true),
    readCpuWithSysteminformation(timeoutMs),
  ]);
  return {
    components: {
      osMachineId: text(osMachineId),
      systemUuid: text(system?.uuid),
      baseboardSerial: text(baseboard?.serial),
      cpu: cpu.cpu,
    },
    virtualization: { ...platformHints(system), cpuHypervisorFlag: cpu.cpuHypervisorFlag },
  };
};

/** The facts that do not feed the machine ID (disk serial, primary MAC, platform names), read after it. */
export const readDetailsWithSysteminformation = async (
  timeoutMs = DETAIL_READ_TIMEOUT_MS,
): Promise<{ diskSerial?: string; primaryMac?: string; platform: VirtualizationHints }> => {
  const si = await systeminformation();
  const [system, disks, nics] = await Promise.all([
    tryRead(() => si.system(), 'the system model', timeoutMs),
    tryRead(() => si.diskLayout(), 'the disk serial', timeoutMs),
    tryRead(() => si.networkInterfaces(), 'the network interfaces', timeoutMs),
  ]);
  const nicList = Array.isArray(nics) ? nics : nics ? [nics] : [];
  const primary =
    nicList.find((nic) => nic.default && !nic.internal) ??
    nicList.find((nic) => !nic.internal && !nic.virtual);
  return {
    diskSerial: text(disks?.find((disk) => text(disk.serialNum))?.serialNum),
    primaryMac: text(primary?.mac),
    platform: platformHints(system),
  };
};
