import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renewSubscription } from '../../src-server/services/renewal-service';
import { fakeMachine } from '../support/machines';
import { liveSubscriptionLines, seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession, createOffline } from './api';
import { call } from './helpers';

const DAY = 86_400_000;
const nextYear = () => new Date(Date.now() + 400 * DAY);

describe.each(DB_KINDS)('renewal and migration (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const lines = (orgId: string) => liveSubscriptionLines(server.ctx, orgId);

  it('R28 P floating licenses become P per-User ones: offline floating holders first, then the most recently active users', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'floating',
      quota: 3,
    });
    const [a, b, c] = [
      await org.addUser('member', 'a'),
      await org.addUser('member', 'b'),
      await org.addUser('member', 'c'),
    ];
    const offline = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      userId: org.member.userId,
    });
    expect(offline.ok).toBe(true);
    for (const [user, ago] of [
      [a, 3],
      [b, 1],
      [c, 2],
    ] as const) {
      const machine = (await activateOk(server.app, user.apiKey, 'kse', fakeMachine())).machineId;
      const s = await checkoutSession(server.app, user.apiKey, 'kse', machine);
      if (!s.ok) throw new Error(JSON.stringify(s.error));
      await server.ctx.db
        .updateTable('sessions')
        .set({ heartbeat_at: new Date(Date.now() - ago * 3_600_000) })
        .where('id', '=', s.value.session.id)
        .execute();
      await call(server.app, 'DELETE', `/v1/sessions/${s.value.session.id}`, { key: user.apiKey });
    }
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: nextYear(),
      trigger: 'manual',
      at: Date.now(),
    });
    if (!result.ok || !result.value.plan.convert) throw new Error(JSON.stringify(result));
    expect(result.value.plan.grants.map((g) => g.userId)).toEqual([org.member.userId, b.userId, c.userId]);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'per-user', quota: 3 }]);
    await activateOk(server.app, b.apiKey, 'kse', fakeMachine());
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'subscription.migrated')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('R29 KRE node-locked and floating licenses become floating ones and the counts add up (2 + 3 → 5)', async () => {
    const org = await seedOrg(server.ctx);
    const nodeLocked = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
    });
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 3 });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: nodeLocked,
      endsAt: nextYear(),
      trigger: 'manual',
      at: Date.now(),
    });
    expect(result.ok && result.value.plan.convert).toBe(true);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'floating', quota: 5 }]);
  });

  it('R30 an annual contract keeps its deprecated types until the contract ends; the renewed term converts (R29)', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
      billingCycle: 'annual',
      endsAt: new Date(Date.now() + 30 * DAY),
    });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: nextYear(),
      trigger: 'renewal',
      at: Date.now(),
    });
    expect(result.ok && result.value.plan.convert).toBe(true);
    expect(result.ok && result.value.plan.retire).toBeNull();
    expect(await lines(org.orgId)).toEqual([
      { license_kind: 'floating', quota: 2 },
      { license_kind: 'node-locked', quota: 2 },
    ]);
  });

  it('R30 a monthly renewal after the grace period converts', async () => {
    const org = await seedOrg(server.ctx);
    const endsAt = new Date(Date.now() + DAY);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
      billingCycle: 'monthly',
      endsAt,
    });
    const result = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      subscriptionId: subId,
      endsAt: nextYear(),
      trigger: 'renewal',
      at: endsAt.getTime(),
    });
    expect(result.ok && result.value.plan.convert).toBe(true);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'floating', quota: 2 }]);
  });
});
