import { describe, expect, it } from 'vitest';
import {
  cpuFromModelName,
  machineIdFromFiles,
  siCleanDefaults,
  siLineValue,
  virtualHostFromDmi,
} from '../../../src-main/adapters/linux-identity-parse';

// Expected values are what node-machine-id 1.1 and systeminformation 5.x give for the same files (R12:
// the direct reader must not change an existing machine ID).
describe('Linux identity parsing, spelled as the packages spell it', () => {
  it('R12 takes the D-Bus machine ID first, as `cat dbus etc | head -n 1` does', () => {
    expect(
      machineIdFromFiles('3D1219C7c4c5404aaa1f6d2a48adfda4\n', 'ffff0000ffff0000ffff0000ffff0000\n', 'box'),
    ).toBe('3d1219c7c4c5404aaa1f6d2a48adfda4');
  });

  it('R12 falls back to /etc/machine-id, then to the host name, exactly as the shell pipeline does', () => {
    expect(machineIdFromFiles(undefined, 'abc123\n', 'box')).toBe('abc123');
    expect(machineIdFromFiles(undefined, undefined, 'My Box')).toBe('mybox');
    // An empty D-Bus file: cat prints only /etc/machine-id.
    expect(machineIdFromFiles('', 'abc123\n', 'box')).toBe('abc123');
    // No final newline: the two contents run together on the first line.
    expect(machineIdFromFiles('abc', 'def\n', 'box')).toBe('abcdef');
    expect(machineIdFromFiles(undefined, 'abc', 'box')).toBe('abcbox');
  });

  it('R12 names the CPU as systeminformation does (symbols, no clock, no "CPU", manufacturer apart)', () => {
    expect(cpuFromModelName('Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz')).toEqual({
      manufacturer: 'Intel',
      brand: 'Core™ i7-8700K',
    });
    expect(cpuFromModelName('AMD EPYC')).toEqual({ manufacturer: 'AMD', brand: 'EPYC' });
    expect(cpuFromModelName('AMD Ryzen 7 5800X 8-Core Processor             ')).toEqual({
      manufacturer: 'AMD',
      brand: 'Ryzen 7 5800X 8-Core Processor',
    });
    expect(cpuFromModelName('Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz')).toEqual({
      manufacturer: 'Intel',
      brand: 'Xeon® Platinum 8375C',
    });
    expect(cpuFromModelName('QEMU Virtual CPU version 2.5+')).toEqual({
      manufacturer: 'QEMU',
      brand: 'Virtual version 2.5+',
    });
    expect(cpuFromModelName('Genuine Unknown Thing')).toEqual({ manufacturer: 'Genuine', brand: '' });
  });

  it('reads "name: value" lines like systeminformation (tabs ignored, first match, value after the first colon)', () => {
    const cpuinfo = 'processor\t: 0\nmodel\t\t: 1\nmodel name\t: AMD EPYC\nflags\t\t: fpu hypervisor\n';
    expect(siLineValue(cpuinfo, 'model name')).toBe('AMD EPYC');
    expect(siLineValue(cpuinfo, 'flags')).toBe('fpu hypervisor');
    expect(siLineValue('a: b: c\n', 'a')).toBe('b: c');
    expect(siLineValue(cpuinfo, 'bogus')).toBe('');
  });

  it('drops firmware filler the way systeminformation does', () => {
    expect(siCleanDefaults('To be filled by O.E.M.')).toBe('');
    expect(siCleanDefaults('Default string')).toBe('');
    expect(siCleanDefaults('default')).toBe('');
    expect(siCleanDefaults('PF2ABCDE')).toBe('PF2ABCDE');
  });

  it('names the hypervisor from the DMI names as systeminformation does', () => {
    expect(virtualHostFromDmi('KVM', 'Red Hat')).toBe('KVM');
    expect(virtualHostFromDmi('VMware Virtual Platform', 'VMware, Inc.')).toBe('virtual');
    expect(virtualHostFromDmi('HVM domU', 'Xen')).toBe('Xen');
    expect(virtualHostFromDmi('Droplet', 'DigitalOcean')).toBe('virtual');
    expect(virtualHostFromDmi('ThinkPad X1', 'LENOVO')).toBeUndefined();
  });
});
