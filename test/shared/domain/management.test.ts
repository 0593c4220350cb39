import { describe, expect, it } from 'vitest';
import { freePlanWarning } from '../../../shared/domain/free-plan';
import { subscriptionDetails } from '../../../shared/domain/subscription-details';
import { decideRemoval, decideTransfer, type TransferInput } from '../../../shared/domain/transfer-removal';

describe('subscriptionDetails', () => {
  const details = subscriptionDetails({
    quota: 10,
    machineQuota: 20,
    endsAt: Date.UTC(2027, 0, 1),
    used: 3 + 2,
    licensedUserIds: ['u2', 'u1', 'u3'],
    onlineMachineIds: ['m2', 'm1'],
    offlineMachineIds: ['m9', 'm8'],
  });

  it('R16 shows subscribed licenses, machine quota and expiry', () => {
    expect(details).toMatchObject({
      subscribedLicenses: 10,
      machineQuota: 20,
      expiresAt: Date.UTC(2027, 0, 1),
    });
  });

  it('R9 online and offline licenses both subtract from the available licenses', () => {
    expect(details.availableLicenses).toBe(10 - 3 - 2);
  });

  it('R16 registered machines are the union of online and offline machine IDs', () => {
    expect(details.onlineLicenses).toEqual(['m1', 'm2']);
    expect(details.offlineLicenses).toEqual(['m8', 'm9']);
    expect(details.registeredMachines).toEqual(['m1', 'm2', 'm8', 'm9']);
    expect(details.licensedUsers).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('decideTransfer', () => {
  const base: TransferInput = {
    actorRole: 'owner',
    offline: false,
    from: { licensed: true },
    to: { isMember: true, alreadyLicensed: false },
    used: 5,
    quota: 5,
  };

  it('R24 moves a license between users at a full quota (remove, then grant)', () => {
    expect(decideTransfer(base)).toEqual({ ok: true, value: { used: 5, remaining: 0 } });
  });

  it('R24 never goes beyond the quota', () => {
    const result = decideTransfer({ ...base, used: 6 });
    expect(!result.ok && result.error.message).toBe(
      'The number of licenses cannot exceed the license quota.',
    );
  });

  it('R24 never transfers an offline license', () => {
    const result = decideTransfer({ ...base, offline: true });
    expect(!result.ok && result.error.code).toBe('OFFLINE_NOT_TRANSFERABLE');
  });

  it('R24 R15 needs an owner or admin, a licensed source and a member target', () => {
    const code = (input: TransferInput) => {
      const result = decideTransfer(input);
      return result.ok ? 'OK' : result.error.code;
    };
    expect(code({ ...base, actorRole: 'member' })).toBe('FORBIDDEN_ROLE');
    expect(code({ ...base, from: { licensed: false } })).toBe('NOT_LICENSED');
    expect(code({ ...base, to: { isMember: false, alreadyLicensed: false } })).toBe('NOT_A_MEMBER');
  });
});

describe('decideRemoval', () => {
  it('R23 removes a licensed user, a machine ID, or a license from a machine ID', () => {
    expect(decideRemoval('admin', { kind: 'licensed-user', licensed: true }).ok).toBe(true);
    expect(decideRemoval('admin', { kind: 'machine', registered: true, offline: false }).ok).toBe(true);
    expect(decideRemoval('admin', { kind: 'license-from-machine', activated: true, offline: false }).ok).toBe(
      true,
    );
  });

  it('R23 refuses what is not there and members', () => {
    const codes = [
      decideRemoval('admin', { kind: 'licensed-user', licensed: false }),
      decideRemoval('admin', { kind: 'machine', registered: false, offline: false }),
      decideRemoval('member', { kind: 'licensed-user', licensed: true }),
    ].map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes).toEqual(['NOT_LICENSED', 'UNKNOWN_MACHINE', 'FORBIDDEN_ROLE']);
  });

  it('R5 R23 an offline machine or license cannot be removed', () => {
    const machine = decideRemoval('owner', { kind: 'machine', registered: true, offline: true });
    const license = decideRemoval('owner', { kind: 'license-from-machine', activated: true, offline: true });
    expect([machine, license].map((r) => (r.ok ? 'OK' : r.error.code))).toEqual([
      'OFFLINE_NOT_REVOCABLE',
      'OFFLINE_NOT_REVOCABLE',
    ]);
  });
});

describe('freePlanWarning', () => {
  it('R18 warns an admin when an organization mixes free and KSE users, naming the free-plan member', () => {
    const warning = freePlanWarning([
      { userId: 'a', label: 'Ann', licensed: true },
      { userId: 'b', label: 'bob@example.test', licensed: false },
    ]);
    expect(warning).toMatch(
      /mixes Katalon Studio \(free\) and Katalon Studio Enterprise users: bob@example.test uses the free plan\./,
    );
    expect(warning).not.toMatch(/1 member/);
  });

  it('R18 names up to three free-plan members, then says how many more', () => {
    const free = (label: string) => ({ userId: label, label, licensed: false });
    const paid = { userId: 'p', label: 'Paid', licensed: true };
    expect(freePlanWarning([paid, free('Cy'), free('Al')])).toMatch(/: Al and Cy use the free plan\./);
    expect(freePlanWarning([paid, free('D'), free('C'), free('B'), free('A'), free('E')])).toMatch(
      /: A, B, C and 2 more use the free plan\./,
    );
  });

  it('R18 stays quiet when everyone is licensed or nobody is (free-plan privileges kept)', () => {
    expect(freePlanWarning([{ userId: 'a', label: 'Ann', licensed: true }])).toBeNull();
    expect(freePlanWarning([{ userId: 'b', label: 'Bob', licensed: false }])).toBeNull();
    expect(freePlanWarning([])).toBeNull();
  });
});
