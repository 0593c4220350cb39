import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import {
  decideOfflineCreation,
  decideOfflineRevocation,
  decideOfflineTransfer,
  offlineLicenseFileName,
  type OfflineCreationInput,
} from '../../../shared/domain/offline';
import { must } from './tree-fixture';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 10);
const kse = must(findProduct(DEFAULT_CATALOG, 'kse'));
const kre = must(findProduct(DEFAULT_CATALOG, 'kre'));
const base: OfflineCreationInput = {
  actorRole: 'admin',
  product: kse,
  machineId: 'ABCD-1234-K',
  subscription: { endsAt: now + 90 * DAY, billingCycle: 'annual', kind: 'per-user' },
  now,
  used: 4,
  quota: 5,
};
const code = (input: OfflineCreationInput) => {
  const result = decideOfflineCreation(input);
  return result.ok ? 'OK' : result.error.code;
};

describe('offline licenses', () => {
  it('R6 expires at the end of the subscription by default', () => {
    expect(decideOfflineCreation(base)).toEqual({
      ok: true,
      value: { expiresAt: now + 90 * DAY, fileName: 'KSE_ABCD-1234-K.lic', remaining: 0 },
    });
  });

  it('R6 by default expires when the signing key certificate ends, if that is before the subscription end, and says so', () => {
    const keyEnds = now + 60 * DAY;
    const decided = decideOfflineCreation({ ...base, signingKeyNotAfter: keyEnds });
    expect(decided.ok && decided.value.expiresAt).toBe(keyEnds);
    expect(decided.ok && decided.value.expiryNote).toMatch(/signing key certificate ends/);
    const later = decideOfflineCreation({ ...base, signingKeyNotAfter: now + 900 * DAY });
    expect(later).toMatchObject({ ok: true, value: { expiresAt: now + 90 * DAY } });
    expect(later.ok && later.value.expiryNote).toBeUndefined();
  });

  it('R6 accepts an earlier expiry, refuses a later one and one in the past', () => {
    const earlier = decideOfflineCreation({ ...base, requestedExpiry: now + 30 * DAY });
    expect(earlier.ok && earlier.value.expiresAt).toBe(now + 30 * DAY);
    expect(code({ ...base, requestedExpiry: now + 91 * DAY })).toBe('OFFLINE_EXPIRY_TOO_LATE');
    expect(code({ ...base, requestedExpiry: now - DAY })).toBe('OFFLINE_EXPIRY_IN_PAST');
    expect(code({ ...base, subscription: { ...base.subscription, endsAt: now - DAY } })).toBe(
      'SUBSCRIPTION_EXPIRED',
    );
  });

  it('R5 exist only for KSE and KRE', () => {
    const testops = must(findProduct(DEFAULT_CATALOG, 'testops-full'));
    expect(code({ ...base, product: testops })).toBe('OFFLINE_NOT_AVAILABLE');
    expect(code({ ...base, product: kre })).toBe('OK');
  });

  it('R5 can be neither revoked nor transferred', () => {
    expect(decideOfflineRevocation().error.code).toBe('OFFLINE_NOT_REVOCABLE');
    expect(decideOfflineTransfer().error.code).toBe('OFFLINE_NOT_TRANSFERABLE');
  });

  it.each([
    ['owner', 'OK'],
    ['admin', 'OK'],
    ['member', 'FORBIDDEN_ROLE'],
  ] as const)('R8 a %s creating an offline license gets %s', (actorRole, expected) => {
    expect(code({ ...base, actorRole })).toBe(expected);
  });

  it('R8 names the file KSE_<machineID>.lic or KRE_<machineID>.lic', () => {
    expect(offlineLicenseFileName(kse, 'M-1')).toEqual({ ok: true, value: 'KSE_M-1.lic' });
    expect(offlineLicenseFileName(kre, 'M-1')).toEqual({ ok: true, value: 'KRE_M-1.lic' });
  });

  it('R9 counts against the license quota like an online license', () => {
    const result = decideOfflineCreation({ ...base, used: 5 });
    expect(!result.ok && result.error.message).toBe(
      'The number of licenses cannot exceed the license quota.',
    );
  });

  it('R10 a monthly node-locked subscription cannot be converted; an annual one can', () => {
    const nodeLocked = { ...base.subscription, kind: 'node-locked' as const };
    expect(code({ ...base, subscription: { ...nodeLocked, billingCycle: 'monthly' } })).toBe(
      'MONTHLY_NOT_CONVERTIBLE',
    );
    expect(code({ ...base, subscription: { ...nodeLocked, billingCycle: 'annual' } })).toBe('OK');
  });
});
