import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { cpuComponentRaw } from '../../shared/machine-id/components';
import type { VirtualizationHints } from '../../shared/machine-id/detect-virtualization';
import {
  cpuFromModelName,
  machineIdFromFiles,
  siCleanDefaults,
  siLineValue,
  virtualHostFromDmi,
} from './linux-identity-parse';
import { IDENTITY_READ_TIMEOUT_MS, ProbeTimeoutError, withTimeout } from './probe-timeout';

/** What this machine is, as the OS and its files describe it (injectable so fixture folders can play a machine). */
export interface LinuxMachineContext {
  /** Folder the absolute paths are read under: '/' on a real machine, a fixture folder in tests. */
  root: string;
  hostname: string;
  /** `os.cpus().length`, the core count systeminformation reports. */
  cores: number;
  /** `process.arch`. */
  arch: string;
  /** `os.release()`, where WSL shows itself. */
  release: string;
  timeoutMs?: number;
}

/** The identity components and platform hints read straight from files; `cpu` is absent when the files cannot tell it the way systeminformation would. */
export interface LinuxIdentity {
  components: { osMachineId?: string; systemUuid?: string; baseboardSerial?: string; cpu?: string };
  /** False when the CPU must come from systeminformation (not x86, or a BIOS model name `lscpu` would prefer). */
  cpuKnown: boolean;
  virtualization: VirtualizationHints;
}

const DMI = '/sys/devices/virtual/dmi/id';

/** A sysfs value as systeminformation reads it (`cat` into a "name: value" line): its first line, trimmed. */
const firstLine = (content: string | undefined): string => (content ?? '').split('\n')[0]?.trim() ?? '';

const present = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * Reads, in parallel and with one bound each, what the machine ID needs on x86 Linux: the machine-id
 * files, the DMI product UUID and board serial (root-only files: an ordinary user gets none, as with
 * systeminformation), and the CPU model from /proc/cpuinfo. Values are spelled as linux-identity-parse.ts
 * says, so the ID equals the one the packages gave. No process is started.
 */
export const readLinuxIdentity = async (context: LinuxMachineContext): Promise<LinuxIdentity> => {
  const timeoutMs = context.timeoutMs ?? IDENTITY_READ_TIMEOUT_MS;
  const path = (absolute: string) => join(context.root, absolute);
  const text = (absolute: string): Promise<string | undefined> =>
    withTimeout(() => readFile(path(absolute), 'utf8'), absolute, timeoutMs).catch((error: unknown) => {
      if (error instanceof ProbeTimeoutError) throw error;
      return undefined;
    });
  const exists = (absolute: string, mode = constants.F_OK): Promise<boolean> =>
    withTimeout(() => access(path(absolute), mode), absolute, timeoutMs).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ProbeTimeoutError) throw error;
        return false;
      },
    );
  const [dbusId, etcId, uuid, boardSerial, vendor, product, cpuinfo, dmiTable, dockerenv, dockerinit] =
    await Promise.all([
      text('/var/lib/dbus/machine-id'),
      text('/etc/machine-id'),
      text(`${DMI}/product_uuid`),
      text(`${DMI}/board_serial`),
      text(`${DMI}/sys_vendor`),
      text(`${DMI}/product_name`),
      text('/proc/cpuinfo'),
      // lscpu prefers the BIOS processor name when it can read the raw DMI table (root); so would we have to.
      exists('/sys/firmware/dmi/tables/DMI', constants.R_OK),
      exists('/.dockerenv'),
      exists('/.dockerinit'),
    ]);
  const modelName = cpuinfo === undefined ? '' : siLineValue(cpuinfo, 'model name');
  const cpuKnown = (context.arch === 'x64' || context.arch === 'ia32') && !dmiTable && modelName !== '';
  const cpu = cpuKnown ? cpuFromModelName(modelName) : undefined;
  const dmiManufacturer = siCleanDefaults(firstLine(vendor));
  const dmiModel = siCleanDefaults(firstLine(product)) || 'Computer';
  const dmiHost = virtualHostFromDmi(dmiModel, dmiManufacturer);
  // systeminformation's order: DMI names, then WSL (when DMI named no VM), then Docker's marker file.
  const wsl = dmiHost === undefined && (/microsoft/i.test(context.release) || /wsl2$/i.test(context.release));
  const model = dockerenv || dockerinit ? 'Docker Container' : wsl ? 'WSL' : dmiModel;
  return {
    components: {
      osMachineId: present(machineIdFromFiles(dbusId, etcId, context.hostname)),
      systemUuid: present(siCleanDefaults(firstLine(uuid).toLowerCase())),
      baseboardSerial: present(siCleanDefaults(firstLine(boardSerial))),
      cpu: cpu && cpuComponentRaw(present(`${cpu.manufacturer} ${cpu.brand}`.trim()), context.cores),
    },
    cpuKnown,
    virtualization: {
      systemManufacturer: present(wsl ? 'Microsoft' : dmiManufacturer),
      systemModel: model,
      virtualHost: dmiHost ?? (wsl ? 'virtual' : undefined),
      cpuHypervisorFlag: cpuinfo === undefined ? undefined : /hypervisor/.test(siLineValue(cpuinfo, 'flags')),
    },
  };
};
