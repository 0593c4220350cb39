import { describe, expect, it } from 'vitest';
import {
  decidePerUserActivation,
  isFixedMachine,
  type PerUserActivationInput,
} from '../../../shared/domain/per-user';

const base: PerUserActivationInput = {
  licensed: true,
  machineId: 'laptop',
  fixedMachine: true,
  activeSession: null,
};

describe('decidePerUserActivation', () => {
  it('R19 a licensed user starts a session when none runs', () => {
    expect(decidePerUserActivation(base)).toEqual({
      ok: true,
      value: { endSession: null, resumeSessionId: null },
    });
  });

  it('R19 a new session on another machine ends the old one, with a reason', () => {
    const result = decidePerUserActivation({
      ...base,
      activeSession: { sessionId: 's1', machineId: 'desktop' },
    });
    expect(result.ok && result.value.endSession?.sessionId).toBe('s1');
    expect(result.ok && result.value.endSession?.reason).toMatch(/one active session at a time/);
  });

  it('R19 the same machine resumes its own session instead of opening a second', () => {
    const result = decidePerUserActivation({
      ...base,
      activeSession: { sessionId: 's1', machineId: 'laptop' },
    });
    expect(result).toEqual({ ok: true, value: { endSession: null, resumeSessionId: 's1' } });
  });

  it('R19 an unlicensed user is refused', () => {
    const result = decidePerUserActivation({ ...base, licensed: false });
    expect(!result.ok && result.error.code).toBe('NOT_LICENSED');
  });

  it('R19 needs a fixed machine ID: containers are refused, VMs accepted', () => {
    expect(isFixedMachine('container')).toBe(false);
    expect(isFixedMachine('virtual-machine')).toBe(true);
    const result = decidePerUserActivation({ ...base, fixedMachine: isFixedMachine('container') });
    expect(!result.ok && result.error.code).toBe('FIXED_MACHINE_REQUIRED');
  });
});
