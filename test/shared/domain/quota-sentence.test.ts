import { describe, expect, it } from 'vitest';
import { assign, dedicate } from '../../../shared/domain/allocation-ops';
import { allocationTree } from '../../../shared/domain/allocation-tree';
import { decideDedicatedUse } from '../../../shared/domain/dedication-charge';
import { chooseFloatingLicense, decideFloatingCheckout } from '../../../shared/domain/floating';
import { decideKreActivation } from '../../../shared/domain/kre-activation';
import { decideNodeLockedActivation } from '../../../shared/domain/node-locked';
import { LICENSE_QUOTA_MESSAGE, QUOTA_REFUSAL_CODES, takeOneLicense } from '../../../shared/domain/quota';
import { decideSessionCheckout } from '../../../shared/domain/sessions';
import type { Result } from '../../../shared/result';
import { must } from './tree-fixture';

/** Parent "Acme" holds 2 KSE, all dedicated to "QA", which uses 2: every quota refusal is reachable. */
const full = () => {
  const tree = must(
    allocationTree([
      { id: 'acme', parentId: null, dedicated: { kse: 2 }, assigned: {} },
      { id: 'qa', parentId: 'acme', dedicated: { kse: 1 }, assigned: { kse: 2 } },
    ]),
  );
  return tree;
};

const refusals: Record<string, () => Result<unknown>> = {
  'seat grant (R17)': () => takeOneLicense(5, 5),
  'session checkout (R21)': () => decideSessionCheckout({ used: 1, quota: 1, addsLicense: true }),
  'KRE reservation (R22)': () =>
    decideKreActivation({
      actor: { isMember: true, hasApiKey: true },
      machineReserved: false,
      used: 1,
      quota: 1,
    }),
  'node-locked activation (R25)': () =>
    decideNodeLockedActivation({
      machineId: 'm2',
      fixedMachine: true,
      licenses: [{ licenseId: 'l1', boundMachineId: 'm1', sessionActive: true, offline: false }],
    }),
  'dedication beyond the pool (R14)': () =>
    dedicate(full(), { parentId: 'acme', childId: 'qa', productId: 'kse', count: 3 }),
  'assignment beyond the pool (R14)': () => assign(full(), 'acme', 'kse', 2),
  'floating license busy on another machine (R26)': () =>
    decideFloatingCheckout(
      { licenseId: 'f1', machineIds: ['m1'], activeSession: { sessionId: 's1', machineId: 'm1' } },
      'm2',
    ),
  'every floating license busy (R26)': () =>
    chooseFloatingLicense(
      ['f1', 'f2'].map((licenseId, i) => ({
        licenseId,
        machineIds: [`m${i}`],
        activeSession: { sessionId: `s${i}`, machineId: `m${i}` },
      })),
      'm9',
    ),
  'dedication exhausted where used (R13)': () =>
    decideDedicatedUse(full(), { consumerNodeId: 'qa', productId: 'kse', productName: 'KSE' }, (id) =>
      id === 'qa' ? 'QA' : 'Acme',
    ),
};

describe('R17 every quota refusal leads with the rule sentence', () => {
  for (const [name, run] of Object.entries(refusals))
    it(`R17 ${name}: "${LICENSE_QUOTA_MESSAGE}" first, then the detail`, () => {
      const result = run();
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(QUOTA_REFUSAL_CODES).toContain(result.error.code);
      expect(
        result.error.message === LICENSE_QUOTA_MESSAGE ||
          result.error.message.startsWith(`${LICENSE_QUOTA_MESSAGE} `),
      ).toBe(true);
    });

  it('R17 the dedication refusal names the organization after the sentence', () => {
    const result = refusals['dedication exhausted where used (R13)']?.();
    expect(result?.ok ? '' : result?.error.message).toBe(
      `${LICENSE_QUOTA_MESSAGE} "QA" may use 1 KSE license and all of them are in use ` +
        '(ask an Owner or Admin of its parent organization to dedicate more); free one first.',
    );
  });

  it('R26 a floating machine limit is not a license quota: its own sentence, not R17', () => {
    const spread = decideFloatingCheckout(
      { licenseId: 'f1', machineIds: ['m1', 'm2', 'm3'], activeSession: null },
      'm4',
    );
    expect(spread.ok ? '' : spread.error.code).toBe('FLOATING_MACHINE_LIMIT');
    expect(spread.ok ? '' : spread.error.message).not.toContain(LICENSE_QUOTA_MESSAGE);
  });

  it('R14 counts read as English: "at most 1 kse license", never "1 kse licenses"', () => {
    const tree = must(
      allocationTree([
        { id: 'acme', parentId: null, dedicated: { kse: 1 }, assigned: {} },
        { id: 'qa', parentId: 'acme', dedicated: {}, assigned: {} },
      ]),
    );
    const result = dedicate(tree, { parentId: 'acme', childId: 'qa', productId: 'kse', count: 2 });
    expect(result.ok ? '' : result.error.message).toContain('can dedicate at most 1 kse license to');
    const one = decideSessionCheckout({ used: 1, quota: 1, addsLicense: true });
    expect(one.ok ? '' : one.error.message).not.toMatch(/\b1 licenses\b/);
  });
});
