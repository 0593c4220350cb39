import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renewSubscription } from '../../../src-server/services/renewal-service';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';

const iso = (s: string): Date => new Date(s);

// Regression tests for the two renewal findings: a renewal dated on/after the end crashed with
// `where id in ()`, and an early renewal of an annual legacy contract extended the deprecated line.
describe.each(DB_KINDS)('renewal findings (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const lines = (orgId: string) =>
    server.ctx.db
      .selectFrom('subscriptions')
      .select(['license_kind', 'quota', 'starts_at', 'ends_at', 'replaced_by'])
      .where('org_id', '=', orgId)
      .orderBy('starts_at')
      .orderBy('license_kind')
      .execute();

  it('R30 a monthly KRE renewal dated exactly on the end date renews instead of crashing', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 1,
      billingCycle: 'monthly',
      endsAt: iso('2022-05-14T00:00:00Z'),
    });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: iso('2022-06-14T00:00:00Z'),
      trigger: 'renewal',
      at: Date.parse('2022-05-14T00:00:00Z'),
    });
    expect(result.ok).toBe(true);
    const live = (await lines(org.orgId)).filter((l) => l.replaced_by === null);
    expect(live.map((l) => [l.license_kind, l.quota, l.ends_at.toISOString()])).toEqual([
      ['node-locked', 1, '2022-06-14T00:00:00.000Z'],
    ]);
  });

  it('R30 a late monthly renewal after a lapse (after the grace end) converts instead of crashing', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
      billingCycle: 'monthly',
      endsAt: iso('2022-06-14T00:00:00Z'),
    });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: iso('2022-07-20T00:00:00Z'),
      trigger: 'renewal',
      at: Date.parse('2022-06-20T00:00:00Z'),
    });
    expect(result.ok).toBe(true);
    const live = (await lines(org.orgId)).filter((l) => l.replaced_by === null);
    expect(live.map((l) => [l.license_kind, l.quota, l.ends_at.toISOString()])).toEqual([
      ['floating', 2, '2022-07-20T00:00:00.000Z'],
    ]);
  });

  it('R30 an early renewal of an annual KSE floating contract keeps floating until the contract end and converts the new term (R28)', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'floating',
      quota: 2,
      billingCycle: 'annual',
      endsAt: iso('2027-01-01T00:00:00Z'),
    });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: iso('2028-01-01T00:00:00Z'),
      trigger: 'renewal',
      at: Date.parse('2026-11-30T00:00:00Z'),
    });
    expect(result.ok).toBe(true);
    const all = await lines(org.orgId);
    expect(
      all.map((l) => [l.license_kind, l.quota, l.starts_at.toISOString(), l.ends_at.toISOString()]),
    ).toEqual([
      ['floating', 2, '2021-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
      ['per-user', 2, '2027-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z'],
    ]);
  });
});
