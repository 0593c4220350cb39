import * as z from 'zod/mini';

/** Facts an adapter collects (systeminformation, /proc, environment); every one is optional. */
export const virtualizationHintsSchema = z.object({
  systemManufacturer: z.optional(z.string()),
  systemModel: z.optional(z.string()),
  biosVendor: z.optional(z.string()),
  /** systeminformation's `system().virtualHost`, when it reports one. */
  virtualHost: z.optional(z.string()),
  /** The CPU's `hypervisor` flag (set inside every hardware-assisted VM). */
  cpuHypervisorFlag: z.optional(z.boolean()),
  /** Raw container evidence: existing marker files (`/.dockerenv`, `/run/.containerenv`), the `container`
   * environment variable as `container=podman`, lines of /proc/1/cgroup. */
  containerMarkers: z.optional(z.array(z.string())),
});
/** What the adapter knows about the platform it runs on. */
export type VirtualizationHints = z.infer<typeof virtualizationHintsSchema>;

/** How a machine runs: node-locked and per-User want a fixed machine, floating suits containers (R26). */
export type Virtualization = 'physical' | 'virtual-machine' | 'container' | 'unknown';

const CONTAINER_PATTERN =
  /\.dockerenv|\.containerenv|docker|containerd|kubepods|libpod|podman|lxc|container=/i;

const VM_PATTERN =
  /vmware|virtualbox|innotek|\bkvm\b|qemu|hyper-v|virtual machine|\bxen\b|hvm domu|parallels|bochs|bhyve|amazon ec2|google compute engine|openstack|droplet/i;

/**
 * Classifies the platform from collected facts. Containers win over VMs (a container on a VM is
 * still a container for licensing); no facts at all is 'unknown', never a guess.
 */
export const detectVirtualization = (hints: VirtualizationHints): Virtualization => {
  if ((hints.containerMarkers ?? []).some((marker) => CONTAINER_PATTERN.test(marker))) return 'container';
  const platform = [hints.systemManufacturer, hints.systemModel, hints.biosVendor, hints.virtualHost].filter(
    (fact): fact is string => fact !== undefined && fact.trim() !== '',
  );
  if (platform.some((fact) => VM_PATTERN.test(fact)) || hints.cpuHypervisorFlag === true)
    return 'virtual-machine';
  return platform.length > 0 || hints.cpuHypervisorFlag === false ? 'physical' : 'unknown';
};
