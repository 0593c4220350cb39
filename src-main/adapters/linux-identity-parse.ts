/*
 * The spellings the machine ID was first derived from came from two packages (node-machine-id 1.1 and
 * systeminformation 5.x). The direct Linux reader (linux-identity-facts.ts) must hand the derivation the
 * very same strings, or every existing machine ID would change (R12). These functions repeat exactly the
 * transformations those packages apply to the same files; test/main/adapters/linux-identity-parse.test.ts
 * pins them with fixtures and linux-identity-facts.test.ts compares both readers on the test machine.
 */

/** systeminformation's `cleanDefaults`: firmware filler ("O.E.M.", "Default string", "default") becomes ''. */
export const siCleanDefaults = (value: string): string => {
  const lower = value.toLowerCase();
  return lower.includes('o.e.m.') || lower.includes('default string') || lower === 'default' ? '' : value;
};

/**
 * node-machine-id on Linux runs `( cat /var/lib/dbus/machine-id /etc/machine-id 2> /dev/null || hostname )
 * | head -n 1` and strips every blank: the files' contents concatenated, the host name appended when either
 * file is unreadable (cat then fails), the first line of that, white space removed, lower case.
 */
export const machineIdFromFiles = (
  dbusMachineId: string | undefined,
  etcMachineId: string | undefined,
  hostname: string,
): string => {
  let output = (dbusMachineId ?? '') + (etcMachineId ?? '');
  if (dbusMachineId === undefined || etcMachineId === undefined) output += `${hostname}\n`;
  const newline = output.indexOf('\n');
  const firstLine = newline === -1 ? output : output.slice(0, newline + 1);
  return firstLine.replace(/\r+|\n+|\s+/gi, '').toLowerCase();
};

/**
 * systeminformation's `util.getValue(lines, property)`: the first line that, lower-cased and without tabs,
 * starts with the property; the text after its first `:`, trimmed ('' when there is none).
 */
export const siLineValue = (text: string, property: string): string => {
  const wanted = property.toLowerCase();
  for (const line of text.split('\n')) {
    if (!line.toLowerCase().replace(/\t/g, '').startsWith(wanted)) continue;
    const parts = line.split(':');
    if (parts.length >= 2) return parts.slice(1).join(':').trim();
  }
  return '';
};

/** systeminformation's `cpuManufacturer` (its 'Xen' test compares against a lower-cased string, so never matches). */
const cpuManufacturer = (brand: string): string => {
  const lower = brand.toLowerCase();
  const rules: readonly (readonly [string, string])[] = [
    ['intel', 'Intel'],
    ['amd', 'AMD'],
    ['qemu', 'QEMU'],
    ['hygon', 'Hygon'],
    ['centaur', 'WinChip/Via'],
    ['vmware', 'VMware'],
    ['tcg', 'QEMU'],
    ['apple', 'Apple'],
    ['sifive', 'SiFive'],
    ['thead', 'T-Head'],
    ['andestech', 'Andes Technology'],
  ];
  let result = brand;
  for (const [needle, name] of rules) if (lower.includes(needle)) result = name;
  return result;
};

/**
 * The CPU manufacturer and brand systeminformation's `cpu()` reports on x86 Linux for a `model name` line:
 * O.E.M. filler removed, the clock after `@` and anything from "Unknown" dropped, (R)/(TM)/(C) turned into
 * symbols, "CPU" removed, blanks collapsed; the first word names the manufacturer and the rest is the brand.
 */
export const cpuFromModelName = (modelName: string): { manufacturer: string; brand: string } => {
  let brand = (modelName.replace(/To Be Filled By O.E.M./g, '').split('@')[0] ?? '').trim();
  if (brand.includes('Unknown')) brand = (brand.split('Unknown')[0] ?? '').trim();
  brand = brand
    .replace(/\(R\)+/g, '®')
    .replace(/\s+/g, ' ')
    .trim();
  brand = brand
    .replace(/\(TM\)+/g, '™')
    .replace(/\s+/g, ' ')
    .trim();
  brand = brand
    .replace(/\(C\)+/g, '©')
    .replace(/\s+/g, ' ')
    .trim();
  brand = brand.replace(/CPU+/g, '').replace(/\s+/g, ' ').trim();
  const manufacturer = cpuManufacturer(brand);
  return { manufacturer, brand: brand.split(' ').slice(1).join(' ') };
};

/** The virtualization host systeminformation's `system()` names from the DMI product name and vendor alone. */
export const virtualHostFromDmi = (model: string, manufacturer: string): string | undefined => {
  const product = model.toLowerCase();
  const vendor = manufacturer.toLowerCase();
  const named: Readonly<Record<string, string>> = {
    virtualbox: 'VirtualBox',
    vmware: 'VMware',
    kvm: 'KVM',
    bochs: 'bochs',
  };
  let host: string | undefined;
  let virtual = false;
  if (
    ['virtualbox', 'kvm', 'virtual machine', 'bochs'].includes(product) ||
    product.startsWith('vmware') ||
    product.startsWith('droplet')
  ) {
    virtual = true;
    host = named[product];
  }
  if (vendor.startsWith('vmware') || vendor === 'xen') {
    virtual = true;
    if (vendor === 'vmware') host = 'VMware';
    if (vendor === 'xen') host = 'Xen';
  }
  return host ?? (virtual ? 'virtual' : undefined);
};
