import { describe, expect, it } from 'vitest';
import { decideNodeLockedActivation, type NodeLockedLicense } from '../../../shared/domain/node-locked';

const license = (
  licenseId: string,
  boundMachineId: string | null,
  extra: Partial<NodeLockedLicense> = {},
) => ({
  licenseId,
  boundMachineId,
  sessionActive: false,
  offline: false,
  ...extra,
});

describe('decideNodeLockedActivation', () => {
  it('R25 a machine reuses the license already bound to it', () => {
    const result = decideNodeLockedActivation({
      machineId: 'm1',
      fixedMachine: true,
      licenses: [license('l1', null), license('l2', 'm1')],
    });
    expect(result).toEqual({ ok: true, value: { licenseId: 'l2', bind: false, transferredFrom: null } });
  });

  it('R25 binds a free license to a new machine: one license ↔ one machine ID', () => {
    const result = decideNodeLockedActivation({
      machineId: 'm2',
      fixedMachine: true,
      licenses: [license('l1', 'm1'), license('l2', null)],
    });
    expect(result).toEqual({ ok: true, value: { licenseId: 'l2', bind: true, transferredFrom: null } });
  });

  it('R25 one session at a time per license; a machine may hold several licenses', () => {
    const licenses = [license('l1', 'm1', { sessionActive: true }), license('l2', null)];
    const second = decideNodeLockedActivation({ machineId: 'm1', fixedMachine: true, licenses });
    expect(second.ok && second.value.licenseId).toBe('l2');
    const third = decideNodeLockedActivation({
      machineId: 'm1',
      fixedMachine: true,
      licenses: [license('l1', 'm1', { sessionActive: true }), license('l2', 'm1', { sessionActive: true })],
    });
    expect(!third.ok && third.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R25 online transfer between machines is free and unlimited when asked', () => {
    let licenses = [license('l1', 'm1')];
    for (const [from, to] of [
      ['m1', 'm2'],
      ['m2', 'm3'],
      ['m3', 'm1'],
      ['m1', 'm2'],
    ] as const) {
      const result = decideNodeLockedActivation({
        machineId: to,
        fixedMachine: true,
        licenses,
        transfer: true,
      });
      expect(result).toEqual({ ok: true, value: { licenseId: 'l1', bind: true, transferredFrom: from } });
      licenses = [license('l1', to)];
    }
  });

  it('R25 without asking, a bound license is not taken from another machine, and the refusal says it could be', () => {
    const result = decideNodeLockedActivation({
      machineId: 'm2',
      fixedMachine: true,
      licenses: [license('l1', 'm1')],
    });
    expect(!result.ok && result.error.message).toMatch(/transferred/);
  });

  it('R5 R25 an offline-converted license is never transferred', () => {
    const result = decideNodeLockedActivation({
      machineId: 'm2',
      fixedMachine: true,
      licenses: [license('l1', 'm1', { offline: true })],
      transfer: true,
    });
    expect(!result.ok && result.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R25 needs a fixed machine ID', () => {
    const result = decideNodeLockedActivation({
      machineId: 'c1',
      fixedMachine: false,
      licenses: [license('l1', null)],
    });
    expect(!result.ok && result.error.code).toBe('FIXED_MACHINE_REQUIRED');
  });
});
