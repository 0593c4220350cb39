import { describe, expect, it } from 'vitest';
import { canManageLicenses } from '../../../shared/domain/roles';
import { decideSeatGrant, decideSeatUse, type SeatGrantInput } from '../../../shared/domain/seat-grant';

const base: SeatGrantInput = {
  actorRole: 'admin',
  target: { isMember: true, alreadyLicensed: false },
  used: 2,
  quota: 3,
};

describe('decideSeatGrant', () => {
  it('R1 grants an exclusive license while purchased − assigned > 0', () => {
    expect(decideSeatGrant(base)).toEqual({ ok: true, value: { used: 3, remaining: 0 } });
  });

  it('R17 refuses past the quota with the verbatim sentence', () => {
    const result = decideSeatGrant({ ...base, used: 3 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'LICENSE_QUOTA_EXCEEDED',
        message: 'The number of licenses cannot exceed the license quota.',
        details: { used: 3, quota: 3 },
      },
    });
  });

  it('R9 offline licenses in `used` leave less room for online grants', () => {
    const onlineTwoOfflineOne = decideSeatGrant({ ...base, used: 2 + 1 });
    expect(!onlineTwoOfflineOne.ok && onlineTwoOfflineOne.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it.each([
    ['owner', true],
    ['admin', true],
    ['member', false],
  ] as const)('R15 a %s may manage licenses: %s', (role, allowed) => {
    expect(canManageLicenses(role)).toBe(allowed);
    expect(decideSeatGrant({ ...base, actorRole: role }).ok).toBe(allowed);
  });

  it('R15 refuses a member acting as admin with FORBIDDEN_ROLE', () => {
    const result = decideSeatGrant({ ...base, actorRole: 'member' });
    expect(!result.ok && result.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('R15 grants only to a member of the organization', () => {
    const result = decideSeatGrant({ ...base, target: { isMember: false, alreadyLicensed: false } });
    expect(!result.ok && result.error.code).toBe('NOT_A_MEMBER');
  });

  it('R1 one user holds one exclusive license, never two', () => {
    const result = decideSeatGrant({ ...base, target: { isMember: true, alreadyLicensed: true } });
    expect(!result.ok && result.error.code).toBe('ALREADY_LICENSED');
  });

  it('R1 only a user holding a granted seat may use a seat-based product', () => {
    expect(decideSeatUse('TestOps – Full', true).ok).toBe(true);
    const refused = decideSeatUse('TestOps – Full', false);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'NOT_LICENSED',
      message: expect.stringContaining('TestOps – Full'),
    });
  });
});
