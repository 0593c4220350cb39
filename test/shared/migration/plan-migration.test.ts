import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import { planMigration, type MigrationInput } from '../../../shared/migration/plan-migration';
import { must } from '../domain/tree-fixture';

const kse = must(findProduct(DEFAULT_CATALOG, 'kse'));
const kre = must(findProduct(DEFAULT_CATALOG, 'kre'));
const policy = DEFAULT_CATALOG.legacyPolicy; // 2022-06-07, the seed's dates, read from the catalog data
const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

const fiveUsers = [
  { userId: 'ana', offlineFloating: false, lastActiveAt: at('2022-05-01') },
  { userId: 'bo', offlineFloating: true, lastActiveAt: at('2022-01-01') },
  { userId: 'cy', offlineFloating: false, lastActiveAt: at('2022-05-20') },
  { userId: 'di', offlineFloating: false, lastActiveAt: at('2022-04-01') },
  { userId: 'ed', offlineFloating: false, lastActiveAt: null },
];

const kseRenewal: MigrationInput = {
  product: kse,
  trigger: 'renewal',
  at: at('2022-07-01'),
  billingCycle: 'annual',
  contractEndsAt: at('2022-07-01'),
  policy,
  holdings: [{ kind: 'floating', count: 3 }],
  users: fiveUsers,
};

describe('planMigration', () => {
  it('R28 seed 004 case 1: 3 floating → 3 per-User: the offline holder, then the 2 last active users', () => {
    const plan = planMigration(kseRenewal);
    expect(plan.action).toBe('convert');
    if (plan.action !== 'convert') return;
    expect(plan.holdings).toEqual([{ kind: 'per-user', count: 3 }]);
    expect(plan.grants.map((g) => g.userId)).toEqual(['bo', 'cy', 'ana']);
    expect(plan.grants[0]?.reason).toMatch(/offline floating/);
    expect(plan.grants[1]?.reason).toMatch(/Last seen active 2022-05-20/);
    expect(plan.unassigned).toBe(0);
  });

  it('R28 N offline + O last active = P, with unique users only', () => {
    const users = [...fiveUsers, fiveUsers[2]!, { userId: 'fa', offlineFloating: true, lastActiveAt: null }];
    const plan = planMigration({ ...kseRenewal, holdings: [{ kind: 'floating', count: 4 }], users });
    expect(plan.action === 'convert' && plan.grants.map((g) => g.userId)).toEqual(['bo', 'fa', 'cy', 'ana']);
  });

  it('R28 more licenses than eligible users leaves the rest for an admin to grant', () => {
    const plan = planMigration({ ...kseRenewal, holdings: [{ kind: 'floating', count: 6 }] });
    expect(plan.action === 'convert' && plan.grants.length).toBe(4);
    expect(plan.action === 'convert' && plan.unassigned).toBe(2);
  });

  it('R28 seed 004 case 2: a manual request converts before the renewal is due', () => {
    const plan = planMigration({
      ...kseRenewal,
      trigger: 'manual',
      at: at('2022-03-01'),
      contractEndsAt: at('2023-03-01'),
    });
    expect(plan.action).toBe('convert');
  });

  it('R28 KSE node-locked licenses become per-User too, counts adding up', () => {
    const plan = planMigration({
      ...kseRenewal,
      holdings: [
        { kind: 'floating', count: 1 },
        { kind: 'node-locked', count: 1 },
      ],
    });
    expect(plan.action === 'convert' && plan.holdings).toEqual([{ kind: 'per-user', count: 2 }]);
  });

  it('R29 seed 004 KRE case 2: 2 node-locked + 3 floating → 5 floating', () => {
    const plan = planMigration({
      ...kseRenewal,
      product: kre,
      billingCycle: 'monthly',
      at: at('2022-06-08'),
      holdings: [
        { kind: 'node-locked', count: 2 },
        { kind: 'floating', count: 3 },
      ],
    });
    expect(plan.action === 'convert' && plan.holdings).toEqual([{ kind: 'floating', count: 5 }]);
    expect(plan.action === 'convert' && plan.grants).toEqual([]);
  });

  it('R30 seed 004 monthly KRE renewing on the 14th: April keeps node-locked, June 14 converts', () => {
    const monthly = {
      ...kseRenewal,
      product: kre,
      billingCycle: 'monthly' as const,
      holdings: [{ kind: 'node-locked' as const, count: 2 }],
    };
    const april = planMigration({ ...monthly, at: at('2022-04-14') });
    expect(april).toEqual({
      action: 'keep',
      reason: expect.stringMatching(/before the grace period ends/),
      holdings: monthly.holdings,
    });
    const june = planMigration({ ...monthly, at: at('2022-06-14') });
    expect(june.action === 'convert' && june.holdings).toEqual([{ kind: 'floating', count: 2 }]);
  });

  it('R30 the grace period ends at the configured instant: a renewal exactly then converts', () => {
    const monthly = { ...kseRenewal, billingCycle: 'monthly' as const };
    expect(planMigration({ ...monthly, at: policy.monthlyGraceEndsAt - 1 }).action).toBe('keep');
    expect(planMigration({ ...monthly, at: policy.monthlyGraceEndsAt }).action).toBe('convert');
  });

  it('R30 annual and multi-year contracts keep deprecated types until the contract ends', () => {
    for (const billingCycle of ['annual', 'multi-year'] as const) {
      const during = planMigration({
        ...kseRenewal,
        billingCycle,
        at: at('2022-09-01'),
        contractEndsAt: at('2024-01-01'),
      });
      expect(during.action).toBe('keep');
      const end = planMigration({
        ...kseRenewal,
        billingCycle,
        at: at('2024-01-01'),
        contractEndsAt: at('2024-01-01'),
      });
      expect(end.action).toBe('convert');
    }
  });

  it('R30 dates are configuration: a later grace end keeps a renewal that the seed dates would convert', () => {
    const monthly = { ...kseRenewal, billingCycle: 'monthly' as const, at: at('2022-06-14') };
    expect(planMigration(monthly).action).toBe('convert');
    const extended = { ...policy, monthlyGraceEndsAt: at('2022-09-07') };
    expect(planMigration({ ...monthly, policy: extended }).action).toBe('keep');
  });

  it('R29 R30 products without deprecated kinds have nothing to migrate', () => {
    const plan = planMigration({ ...kseRenewal, holdings: [{ kind: 'per-user', count: 3 }] });
    expect(plan.action).toBe('keep');
    const kreFloating = planMigration({
      ...kseRenewal,
      product: kre,
      holdings: [{ kind: 'floating', count: 3 }],
    });
    expect(kreFloating.action).toBe('keep');
  });
});
