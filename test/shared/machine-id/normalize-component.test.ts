import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENT_NAMES, componentHashSchema, cpuComponentRaw } from '../../../shared/machine-id/components';
import { hashComponent, normalizeComponent } from '../../../shared/machine-id/normalize-component';

describe('normalizeComponent', () => {
  it('trims, lowercases and collapses inner whitespace', () => {
    expect(normalizeComponent('baseboardSerial', '  .9FQWM2.CN1296  ')).toBe('.9fqwm2.cn1296');
    expect(normalizeComponent('cpu', 'Intel(R)  Core(TM)\ti7 x12')).toBe('intel(r) core(tm) i7 x12');
  });

  it.each([
    ['baseboardSerial', 'To be filled by O.E.M.'],
    ['baseboardSerial', 'Default string'],
    ['diskSerial', 'None'],
    ['diskSerial', '0'],
    ['diskSerial', ''],
    ['diskSerial', '   '],
    ['baseboardSerial', 'System Serial Number'],
    ['baseboardSerial', 'N/A'],
    ['systemUuid', '00000000-0000-0000-0000-000000000000'],
    ['systemUuid', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
    ['systemUuid', '03000200-0400-0500-0006-000700080009'],
    ['primaryMac', '00:00:00:00:00:00'],
    ['primaryMac', 'ff-ff-ff-ff-ff-ff'],
    ['primaryMac', 'not a mac'],
  ] as const)('treats %s %j as missing, never as a value', (name, raw) => {
    expect(normalizeComponent(name, raw)).toBeUndefined();
  });

  it('treats absent input as missing', () => {
    expect(normalizeComponent('osMachineId', undefined)).toBeUndefined();
    expect(normalizeComponent('osMachineId', null)).toBeUndefined();
  });

  it('spells MAC addresses one way whatever the separators', () => {
    for (const raw of ['3C:52:82:11:22:33', '3c-52-82-11-22-33', '3c5282112233']) {
      expect(normalizeComponent('primaryMac', raw)).toBe('3c:52:82:11:22:33');
    }
  });

  it('builds the CPU component from model and core count, or nothing when either is unknown', () => {
    expect(cpuComponentRaw('Intel i7', 8)).toBe('Intel i7 x8');
    expect(cpuComponentRaw(undefined, 8)).toBeUndefined();
    expect(cpuComponentRaw('Intel i7', 0)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPONENT_NAMES), fc.string({ unit: 'binary' }), (name, raw) => {
        const value = normalizeComponent(name, raw);
        expect(value === undefined || value === value.trim()).toBe(true);
      }),
    );
  });
});

describe('hashComponent', () => {
  it('hashes to 64 hex digits and never includes the raw value', () => {
    const hash = hashComponent('diskSerial', 's4ewnx0r123456');
    expect(componentHashSchema.safeParse(hash).success).toBe(true);
    expect(hash).not.toContain('s4ewnx0r123456');
  });

  it('gives equal values of different components different hashes (name prefix)', () => {
    expect(hashComponent('systemUuid', 'abc')).not.toBe(hashComponent('osMachineId', 'abc'));
    expect(hashComponent('systemUuid', 'abc')).toBe(hashComponent('systemUuid', 'abc'));
  });
});
