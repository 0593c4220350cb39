import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { findProduct } from '../../../shared/catalog/find-product';
import { currentLines } from '../../../src-server/services/admin/access';
import { lineUsage } from '../../../src-server/services/admin/license-counts';
import { usageLine } from '../../../src-server/repositories/line-units';
import { usedLicenses } from '../../../src-server/repositories/usage';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, checkoutSession, createOffline, grantSeat } from '../api';

describe.each(DB_KINDS)('admin usage counts agree with the quota count (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const compare = async (orgId: string, productId: string) => {
    const now = server.ctx.now();
    const [line] = await currentLines(server.ctx.db, orgId, productId, now);
    if (line === undefined) throw new Error('no line');
    const product = findProduct(DEFAULT_CATALOG, productId);
    if (!product.ok) throw new Error(product.error.message);
    const ttl = server.ctx.config.sessionTtlSeconds;
    const counted = usageLine(line, product.value);
    const expected = await server.ctx.db.transaction().execute((trx) => usedLicenses(trx, counted, now, ttl));
    const usage = await lineUsage(server.ctx.db, counted, orgId, now, ttl);
    return { expected, actual: usage.used, usage };
  };

  it('R9 R22 session kind: machines with a live activation plus offline licenses; registered is their union', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    await activateOk(server.app, org.admin.apiKey, 'kre', fakeMachine());
    await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    const { expected, actual, usage } = await compare(org.orgId, 'kre');
    expect(actual).toBe(expected);
    expect(expected).toBe(3);
    expect(usage.registered).toBe(3);
  });

  it('R9 seat kind: seats plus offline licenses', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.member.userId);
    await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
    });
    const { expected, actual } = await compare(org.orgId, 'kse');
    expect(actual).toBe(expected);
    expect(expected).toBe(2);
  });

  it('R26 floating kind: live sessions plus offline licenses', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 5 });
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const s = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    expect(s.ok).toBe(true);
    const { expected, actual } = await compare(org.orgId, 'kre');
    expect(actual).toBe(expected);
    expect(expected).toBe(1);
  });

  it('R3 TrueTest: distinct applications under test, however many sessions test them', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'truetest', kind: 'aut', quota: 3 });
    const machine = (await activateOk(server.app, org.member.apiKey, 'truetest', fakeMachine())).machineId;
    for (const applicationId of ['shop', 'shop', 'crm']) {
      const s = await checkoutSession(server.app, org.member.apiKey, 'truetest', machine, { applicationId });
      expect(s.ok).toBe(true);
    }
    const { expected, actual, usage } = await compare(org.orgId, 'truetest');
    expect(actual).toBe(expected);
    expect(expected).toBe(2);
    expect(usage.registered).toBe(1);
  });
});
