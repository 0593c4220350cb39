import { describe, expect, it } from 'vitest';
import { decideKreActivation, type KreActivationInput } from '../../../shared/domain/kre-activation';
import { decideMachineRegistration, decideSessionCheckout } from '../../../shared/domain/sessions';

describe('session-based products', () => {
  it('R2 up to `purchased` sessions run at once (10 TestCloud licenses → 10 sessions)', () => {
    expect(decideSessionCheckout({ used: 9, quota: 10, addsLicense: true })).toEqual({
      ok: true,
      value: { remaining: 0 },
    });
    const eleventh = decideSessionCheckout({ used: 10, quota: 10, addsLicense: true });
    expect(!eleventh.ok && eleventh.error.code).toBe('SESSION_QUOTA_EXCEEDED');
  });

  it('R21 parallel KRE sessions cannot exceed the license quota', () => {
    expect(decideSessionCheckout({ used: 2, quota: 3, addsLicense: true }).ok).toBe(true);
    expect(decideSessionCheckout({ used: 3, quota: 3, addsLicense: true }).ok).toBe(false);
  });

  it('R22 the first session on a machine runs on its own reservation, even with every license in use', () => {
    expect(decideSessionCheckout({ used: 3, quota: 3, addsLicense: false })).toEqual({
      ok: true,
      value: { remaining: 0 },
    });
  });

  it('R22 terminating a session frees its license for the next checkout', () => {
    const full = { used: 3, quota: 3, addsLicense: true };
    expect(decideSessionCheckout(full).ok).toBe(false);
    expect(decideSessionCheckout({ ...full, used: full.used - 1 }).ok).toBe(true);
  });

  it('R21 registered machine IDs cannot exceed the machine quota', () => {
    const result = decideMachineRegistration({
      alreadyRegistered: false,
      registeredMachines: 2,
      machineQuota: 2,
    });
    expect(!result.ok && result.error.code).toBe('MACHINE_QUOTA_EXCEEDED');
  });

  it('R21 a known machine is not counted twice', () => {
    const result = decideMachineRegistration({
      alreadyRegistered: true,
      registeredMachines: 2,
      machineQuota: 2,
    });
    expect(result).toEqual({ ok: true, value: { alreadyRegistered: true } });
    expect(
      decideMachineRegistration({ alreadyRegistered: false, registeredMachines: 1, machineQuota: 2 }).ok,
    ).toBe(true);
  });
});

describe('decideKreActivation', () => {
  const base: KreActivationInput = {
    actor: { isMember: true, hasApiKey: true },
    machineReserved: false,
    used: 2,
    quota: 3,
  };

  it('R20 any member with an API key may activate, no grant needed', () => {
    expect(decideKreActivation(base)).toEqual({ ok: true, value: { reserve: true, remaining: 0 } });
  });

  it('R20 activation needs the user API key', () => {
    const result = decideKreActivation({ ...base, actor: { isMember: true, hasApiKey: false } });
    expect(!result.ok && result.error.message).toContain('API key');
  });

  it('R20 a non-member cannot use the organization KRE licenses', () => {
    expect(decideKreActivation({ ...base, actor: { isMember: false, hasApiKey: true } }).ok).toBe(false);
  });

  it('R22 a machine that already holds a reservation reuses it', () => {
    const result = decideKreActivation({ ...base, machineReserved: true, quota: 2 });
    expect(result).toEqual({ ok: true, value: { reserve: false, remaining: 0 } });
  });

  it('R22 when all licenses are reserved, refuses and says to deactivate a machine ID', () => {
    const result = decideKreActivation({ ...base, quota: 2 });
    expect(!result.ok && result.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
    expect(!result.ok && result.error.message).toMatch(/deactivate a machine ID/);
  });

  it('R22 deactivating a machine ID frees its license for another machine', () => {
    const freed = decideKreActivation({ ...base, used: 1, quota: 2 });
    expect(freed.ok).toBe(true);
  });

  it("R21 R22 parallel sessions beyond a machine's first take licenses a new machine would need", () => {
    const busy = decideKreActivation({ ...base, used: 2, quota: 2 });
    expect(!busy.ok && busy.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });
});
