import { describe, expect, it } from 'vitest';
import {
  detectVirtualization,
  type VirtualizationHints,
} from '../../../shared/machine-id/detect-virtualization';

describe('detectVirtualization', () => {
  it.each<[string, VirtualizationHints]>([
    ['VMware', { systemManufacturer: 'VMware, Inc.', systemModel: 'VMware Virtual Platform' }],
    ['VirtualBox', { systemManufacturer: 'innotek GmbH', systemModel: 'VirtualBox' }],
    ['KVM', { systemManufacturer: 'Red Hat', systemModel: 'KVM' }],
    ['QEMU', { systemManufacturer: 'QEMU', systemModel: 'Standard PC (Q35 + ICH9, 2009)' }],
    ['Hyper-V', { systemManufacturer: 'Microsoft Corporation', systemModel: 'Virtual Machine' }],
    ['Xen', { systemManufacturer: 'Xen', systemModel: 'HVM domU' }],
    ['EC2', { systemManufacturer: 'Amazon EC2', systemModel: 't3.large' }],
    ['a hypervisor CPU flag', { systemManufacturer: 'Dell Inc.', cpuHypervisorFlag: true }],
    ['a reported virtual host', { systemManufacturer: 'Dell Inc.', virtualHost: 'Parallels' }],
  ])('classifies %s as a virtual machine', (_label, hints) => {
    expect(detectVirtualization(hints)).toBe('virtual-machine');
  });

  it.each<[string, VirtualizationHints]>([
    ['/.dockerenv', { containerMarkers: ['/.dockerenv'] }],
    ['podman', { containerMarkers: ['container=podman'] }],
    [
      'a kubepods cgroup on a VM',
      { systemManufacturer: 'QEMU', containerMarkers: ['0::/kubepods/besteffort/pod1'] },
    ],
  ])('classifies %s as a container, even on a VM', (_label, hints) => {
    expect(detectVirtualization(hints)).toBe('container');
  });

  it('classifies a named physical vendor as physical', () => {
    expect(
      detectVirtualization({ systemManufacturer: 'LENOVO', systemModel: '20XW', cpuHypervisorFlag: false }),
    ).toBe('physical');
    expect(
      detectVirtualization({ systemManufacturer: 'Dell Inc.', containerMarkers: ['0::/init.scope'] }),
    ).toBe('physical');
  });

  it('says unknown when it has no facts, rather than guessing', () => {
    expect(detectVirtualization({})).toBe('unknown');
    expect(detectVirtualization({ systemManufacturer: '  ' })).toBe('unknown');
  });
});
