import { readFile, access } from 'node:fs/promises';
import { cpus, hostname, release, userInfo } from 'node:os';
import type { VirtualizationHints } from '../../shared/machine-id/detect-virtualization';
import { readLinuxIdentity } from './linux-identity-facts';
import {
  readCpuWithSysteminformation,
  readDetailsWithSysteminformation,
  readIdentityWithSysteminformation,
} from './systeminformation-facts';

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

/**
 * Reads the facts in two steps: `identity` what the machine ID needs (fast, bounded, a timeout is an
 * error), then `details` what only the server's matching and the virtualization class use (disk serial,
 * MAC, platform names), which a probe fetches after answering.
 */
export interface StagedFactsReader {
  identity(): Promise<HardwareFacts>;
  details(identity: HardwareFacts): Promise<HardwareFacts>;
}

const containerMarkers = async (): Promise<string[]> => {
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  const [dockerenv, containerenv, cgroup] = await Promise.all([
    exists('/.dockerenv'),
    exists('/run/.containerenv'),
    readFile('/proc/1/cgroup', 'utf8').catch(() => ''),
  ]);
  const markers = [...(dockerenv ? ['dockerenv'] : []), ...(containerenv ? ['containerenv'] : [])];
  for (const name of ['docker', 'kubepods', 'containerd', 'lxc', 'podman'])
    if (cgroup.includes(name)) markers.push(`cgroup:${name}`);
  return markers;
};

/**
 * The identity components (`IDENTITY_COMPONENTS`) and first platform hints, read in parallel. On x86
 * Linux straight from files, no process started (linux-identity-facts.ts, same values as the packages);
 * elsewhere through the packages, each call bounded.
 */
export const readIdentityFacts = async (): Promise<HardwareFacts> => {
  const [identity, markers] = await Promise.all([
    process.platform === 'linux'
      ? readLinuxIdentity({
          root: '/',
          hostname: hostname(),
          cores: cpus().length,
          arch: process.arch,
          release: release(),
        }).then(async (linux) => {
          if (linux.cpuKnown) return linux;
          const cpu = await readCpuWithSysteminformation();
          return {
            components: { ...linux.components, cpu: cpu.cpu },
            virtualization: { ...linux.virtualization, cpuHypervisorFlag: cpu.cpuHypervisorFlag },
          };
        })
      : readIdentityWithSysteminformation(),
    containerMarkers(),
  ]);
  return {
    components: identity.components,
    osUser: userInfo().username,
    platform: process.platform,
    virtualization: { ...identity.virtualization, containerMarkers: markers },
  };
};

/** Adds disk serial, primary MAC and systeminformation's platform names to facts `readIdentityFacts` gave. */
export const readDetailFacts = async (identity: HardwareFacts): Promise<HardwareFacts> => {
  const details = await readDetailsWithSysteminformation();
  return {
    ...identity,
    components: { ...identity.components, diskSerial: details.diskSerial, primaryMac: details.primaryMac },
    virtualization: { ...identity.virtualization, ...details.platform },
  };
};

/** The reader the agent uses: identity first, details after. */
export const hardwareFactsReader: StagedFactsReader = {
  identity: readIdentityFacts,
  details: readDetailFacts,
};

/** Reads every fact at once (tests, benches, and the probe when no identity component could be read). */
export const readHardwareFacts = async (): Promise<HardwareFacts> =>
  readDetailFacts(await readIdentityFacts());
