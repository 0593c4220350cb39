import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import { planRenewal } from '../../../shared/migration/plan-renewal';
import type { RenewalFacts } from '../../../shared/migration/renewal-plan-types';
import { must } from '../domain/tree-fixture';

const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const kse = must(findProduct(DEFAULT_CATALOG, 'kse'));
const kre = must(findProduct(DEFAULT_CATALOG, 'kre'));
const users = [
  { userId: 'ana', offlineFloating: false, lastActiveAt: at('2022-05-01') },
  { userId: 'bo', offlineFloating: true, lastActiveAt: at('2022-01-01') },
  { userId: 'cy', offlineFloating: false, lastActiveAt: at('2022-05-20') },
];
const facts = (over: Partial<RenewalFacts>): RenewalFacts => ({
  product: kse,
  policy: DEFAULT_CATALOG.legacyPolicy,
  trigger: 'renewal',
  at: at('2023-01-01'),
  billingCycle: 'annual',
  lines: [{ id: 'f', kind: 'floating', count: 3, startsAt: at('2022-01-01'), endsAt: at('2023-01-01') }],
  others: [],
  newEndsAt: at('2024-01-01'),
  quantity: null,
  users,
  seatHolders: [],
  ...over,
});

describe('planRenewal', () => {
  it('R28 R30 an early annual renewal keeps the floating line until the end and converts the new term from it', () => {
    const plan = must(planRenewal(facts({ at: at('2022-12-01') })));
    expect(plan.retire).toBeNull();
    expect(plan.lines.map((l) => [l.kind, l.count, l.mode, l.rule, l.startsAt])).toEqual([
      ['per-user', 3, 'new', 'R28', at('2023-01-01')],
    ]);
    expect(plan.grants.map((g) => [g.userId, g.rank])).toEqual([
      ['bo', 1],
      ['cy', 2],
      ['ana', 3],
    ]);
  });

  it('R30 a monthly renewal before the grace end extends the lines; R29 more node-locked may still be bought then', () => {
    const plan = must(
      planRenewal(
        facts({
          product: kre,
          billingCycle: 'monthly',
          at: at('2022-05-14'),
          lines: [
            { id: 'n', kind: 'node-locked', count: 1, startsAt: at('2022-04-14'), endsAt: at('2022-05-14') },
          ],
          newEndsAt: at('2022-06-14'),
          quantity: 2,
        }),
      ),
    );
    expect(plan.lines.map((l) => [l.kind, l.count, l.mode, l.rule])).toEqual([
      ['node-locked', 2, 'extend', 'R30'],
    ]);
  });

  it('R27 refuses a new per-User term that would coexist with another floating line', () => {
    const refused = planRenewal(
      facts({ others: [{ kind: 'floating', startsAt: at('2022-01-01'), endsAt: at('2025-01-01') }] }),
    );
    expect(!refused.ok && refused.error.code).toBe('MODEL_CONFLICT');
  });

  it('R28 a lower per-User quantity keeps holders by priority and names who loses theirs', () => {
    const plan = must(
      planRenewal(
        facts({
          lines: [
            { id: 'p', kind: 'per-user', count: 3, startsAt: at('2022-01-01'), endsAt: at('2023-01-01') },
          ],
          seatHolders: ['ana', 'bo', 'cy'],
          quantity: 1,
        }),
      ),
    );
    expect(plan.grants.map((g) => g.userId)).toEqual(['bo']);
    expect(plan.released.map((r) => r.userId)).toEqual(['cy', 'ana']);
  });

  it('refuses a new end that is not after the new term starts', () => {
    const refused = planRenewal(facts({ newEndsAt: at('2023-01-01') }));
    expect(!refused.ok && refused.error.code).toBe('VALIDATION_FAILED');
  });
});
