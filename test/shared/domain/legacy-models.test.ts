import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import {
  checkModelCoexistence,
  decideKindAddition,
  decideSubscriptionKind,
} from '../../../shared/domain/legacy-models';
import { must } from './tree-fixture';

const kse = must(findProduct(DEFAULT_CATALOG, 'kse'));
const kre = must(findProduct(DEFAULT_CATALOG, 'kre'));
const policy = { deprecatedFrom: Date.UTC(2022, 5, 7), monthlyGraceEndsAt: Date.UTC(2022, 5, 7) };

describe('legacy license models', () => {
  it.each([
    [['node-locked'], 'per-user'],
    [['floating'], 'per-user'],
    [['per-user'], 'floating'],
    [['per-user'], 'node-locked'],
  ] as const)('R27 KSE %j cannot coexist with a new %s subscription', (existing, added) => {
    const result = checkModelCoexistence(kse, existing, added);
    expect(!result.ok && result.error.code).toBe('MODEL_CONFLICT');
  });

  it('R27 KSE node-locked and floating may coexist; KRE node-locked with floating too', () => {
    expect(checkModelCoexistence(kse, ['node-locked'], 'floating').ok).toBe(true);
    expect(checkModelCoexistence(kre, ['node-locked'], 'floating').ok).toBe(true);
  });

  it('R29 node-locked can no longer be added once deprecated; the date is configuration', () => {
    const before = decideKindAddition(kre, 'node-locked', Date.UTC(2022, 5, 6), policy);
    const after = decideKindAddition(kre, 'node-locked', Date.UTC(2022, 5, 7), policy);
    expect(before.ok).toBe(true);
    expect(!after.ok && after.error.code).toBe('MODEL_DEPRECATED');
    const later = { ...policy, deprecatedFrom: Date.UTC(2030, 0, 1) };
    expect(decideKindAddition(kre, 'node-locked', Date.UTC(2022, 5, 7), later).ok).toBe(true);
  });

  it('R29 KRE floating stays available after the deprecation date', () => {
    expect(decideKindAddition(kre, 'floating', Date.UTC(2026, 0, 1), policy).ok).toBe(true);
    expect(decideKindAddition(kse, 'per-user', Date.UTC(2026, 0, 1), policy).ok).toBe(true);
  });
});

describe('decideSubscriptionKind', () => {
  const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);
  it('R4 R27 R29 chains: kind sold by the product, not deprecated, no model clash', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(code(decideSubscriptionKind(kse, [], 'per-user', now, policy))).toBe('OK');
    expect(code(decideSubscriptionKind(kse, [], 'session', now, policy))).toBe('VALIDATION_FAILED');
    expect(code(decideSubscriptionKind(kre, [], 'node-locked', now, policy))).toBe('MODEL_DEPRECATED');
    expect(code(decideSubscriptionKind(kse, ['floating'], 'per-user', now, policy))).toBe('MODEL_CONFLICT');
  });
});
