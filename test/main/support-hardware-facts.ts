import type { HardwareFacts } from '../../src-main/adapters/hardware-facts';

/** One workstation's identity facts (what the cold probe reads first), shared by the probe and activation tests. */
export const identityFacts: HardwareFacts = {
  components: {
    osMachineId: '0f3c9a8e5b7d4e21a1c2d3e4f5a6b7c8',
    systemUuid: '4c4c4544-0042-3510-8052-b4c04f4d3232',
    cpu: 'Intel Xeon® W-2145 x8',
  },
  osUser: 'alice',
  platform: 'linux',
  virtualization: { systemManufacturer: 'Dell Inc.', cpuHypervisorFlag: false, containerMarkers: [] },
};

/** The same workstation's details (read in the background after the identity facts). */
export const details = { diskSerial: 'S4EVNX0N123456', primaryMac: 'a4:bb:6d:01:02:03' };
