import { describe, expect, it } from 'vitest';
import { expiryNotice } from '../../../shared/domain/expiry-notice';
import { isoDay, licenseDateLines } from '../../../shared/domain/license-dates';
import { countPhrase } from '../../../shared/domain/count-phrase';
import { assign, dedicate } from '../../../shared/domain/allocation-ops';
import { must, seedTree } from './tree-fixture';

const DAY = 86_400_000;
const SUBSCRIPTION_END = '2027-01-01T00:00:00.000Z';
const LEASE_END = '2026-12-07T00:00:00.000Z';
const FILE_END = '2026-12-31T00:00:00.000Z';
const sentences = (facts: Parameters<typeof licenseDateLines>[0]) =>
  licenseDateLines(facts, isoDay).map((line) => line.sentence);

describe('licenseDateLines', () => {
  it('names the subscription end and the lease end for what they are, never the lease end as expiry', () => {
    expect(
      sentences({ subscriptionEndsAt: SUBSCRIPTION_END, offlineFileEndsAt: null, leaseEndsAt: LEASE_END }),
    ).toEqual([
      'Licensed until 2027-01-01 (subscription)',
      'Works offline until 2026-12-07 (renewed automatically while online)',
    ]);
  });

  it('R5 an offline file shows its own end, even while an online lease is held', () => {
    expect(
      sentences({
        subscriptionEndsAt: SUBSCRIPTION_END,
        offlineFileEndsAt: FILE_END,
        leaseEndsAt: LEASE_END,
      }),
    ).toEqual([
      'Licensed until 2027-01-01 (subscription)',
      'Works offline until 2026-12-31 (offline license file)',
    ]);
  });

  it('a lease signed before it carried the subscription end says only how long it works offline', () => {
    expect(sentences({ subscriptionEndsAt: null, offlineFileEndsAt: null, leaseEndsAt: LEASE_END })).toEqual([
      'Works offline until 2026-12-07 (renewed automatically while online)',
    ]);
  });

  it('uses the caller’s date style', () => {
    const [line] = licenseDateLines(
      { subscriptionEndsAt: SUBSCRIPTION_END, offlineFileEndsAt: null, leaseEndsAt: null },
      () => 'Jan 1, 2027',
    );
    expect(line).toMatchObject({ label: 'Licensed until', value: 'Jan 1, 2027 (subscription)' });
  });
});

describe('expiryNotice', () => {
  const at = (daysBefore: number, end = SUBSCRIPTION_END) => Date.parse(end) - daysBefore * DAY;
  const notice = (now: number, offlineFileEndsAt: string | null = null) =>
    expiryNotice({ subscriptionEndsAt: SUBSCRIPTION_END, offlineFileEndsAt, now });

  it('says nothing more than 30 days before the end', () => {
    expect(notice(at(31))).toBeNull();
    expect(notice(at(30.5))).toBeNull();
  });

  it('warns at 30, 7 and 1 days before the subscription ends', () => {
    expect(notice(at(30))).toMatchObject({ code: 'subscription-ending', stage: 30, daysLeft: 30 });
    expect(notice(at(8))?.stage).toBe(30);
    expect(notice(at(7))).toMatchObject({ stage: 7, daysLeft: 7 });
    expect(notice(at(2))?.stage).toBe(7);
    expect(notice(at(1))).toMatchObject({
      stage: 1,
      message: 'The subscription ends in 1 day, on 2027-01-01.',
    });
    expect(notice(at(0.1))).toMatchObject({ stage: 1, daysLeft: 1 });
  });

  it('says nothing once the end has passed (the status says expired instead)', () => {
    expect(notice(at(0))).toBeNull();
    expect(notice(at(-3))).toBeNull();
  });

  it('R6 warns about an offline file that ends before its subscription, the sooner end first', () => {
    expect(notice(at(20, FILE_END), FILE_END)).toMatchObject({
      code: 'expiring-soon',
      stage: 30,
      message: 'The offline license file ends in 20 days, on 2026-12-31.',
    });
  });
});

describe('countPhrase', () => {
  it('never says "1 licenses"', () => {
    expect(countPhrase(1, 'license', 'kse')).toBe('1 kse license');
    expect(countPhrase(0, 'license', 'kse')).toBe('0 kse licenses');
    expect(countPhrase(4, 'license')).toBe('4 licenses');
  });

  it('R14 a refused dedication says "at most 1 kse license"', () => {
    const tree = must(assign(seedTree(), 'account', 'kse', 3));
    const result = dedicate(tree, { parentId: 'account', childId: 'org-b', productId: 'kse', count: 5 });
    expect(!result.ok && result.error.message).toContain('can dedicate at most 1 kse license to');
  });
});
