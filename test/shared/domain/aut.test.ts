import { describe, expect, it } from 'vitest';
import { decideAutUse } from '../../../shared/domain/aut';

describe('decideAutUse', () => {
  it('R3 three AUT licenses test up to three distinct applications at once (seed 000)', () => {
    expect(decideAutUse({ activeApplicationIds: ['a', 'b'], applicationId: 'c', quota: 3 })).toEqual({
      ok: true,
      value: { alreadyActive: false },
    });
    const fourth = decideAutUse({ activeApplicationIds: ['a', 'b', 'c'], applicationId: 'd', quota: 3 });
    expect(!fourth.ok && fourth.error.code).toBe('APPLICATION_QUOTA_EXCEEDED');
  });

  it('R3 another run against an application already under test takes no extra license', () => {
    const result = decideAutUse({ activeApplicationIds: ['a', 'b', 'c', 'a'], applicationId: 'a', quota: 3 });
    expect(result).toEqual({ ok: true, value: { alreadyActive: true } });
  });
});
