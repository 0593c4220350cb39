import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { SubscriptionList } from '../../shared/contracts/http/admin-licenses';
import { OrgTree, UsageSeries } from '../../shared/contracts/http/admin-org';
import { addMember, createOrganization, createUser } from '../../src-server/services/provisioning';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { expectOk, send } from './admin/admin-kit';
import { activateOk, checkoutSession, createOffline, grantSeat } from './api';

// One data set, every admin surface: License Management (used, available), the organization tree
// (assigned charged per node, available at the holder) and the utilization chart's "now" report the
// same count, the one shared/domain/line-use.ts defines (R9, R13, R14, R16, R21, R22, R25, R26).
describe.each(DB_KINDS)('numbers agree across surfaces (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const user = async (orgIds: string[]) => {
    const u = await createUser(server.ctx.db, { email: `u-${crypto.randomUUID()}@example.test`, name: 'u' });
    for (const orgId of orgIds) await addMember(server.ctx.db, { orgId, userId: u.userId, role: 'member' });
    return u;
  };
  const ok = async (p: Promise<{ ok: boolean }>) => expect((await p).ok).toBe(true);
  const dedicate = async (org: SeededOrg, parent: string, productId: string, child: string, count: number) =>
    expect(
      (
        await send(server.app, {
          method: 'PUT',
          url: ADMIN_PATHS.dedication(parent, productId, child),
          key: org.owner.apiKey,
          body: { count },
        })
      ).status,
    ).toBe(200);

  /** What each surface says about one product of the organization. */
  const surfaces = async (org: SeededOrg, productId: string) => {
    const key = org.owner.apiKey;
    const lines = (
      await expectOk(
        server.app,
        { method: 'GET', url: ADMIN_PATHS.subscriptions(org.orgId), key },
        SubscriptionList,
      )
    ).filter((l) => l.productId === productId);
    const tree = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.tree(org.orgId, productId), key },
      OrgTree,
    );
    const now = Date.now();
    const usage = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.usage(org.orgId, productId),
        key,
        query: {
          from: new Date(now - 86_400_000).toISOString(),
          to: new Date(now + 60_000).toISOString(),
          bucket: 'hour',
          timeZone: 'Europe/Berlin',
        },
      },
      UsageSeries,
    );
    const root = tree.nodes.find((n) => n.id === org.orgId);
    return {
      licenseManagement: {
        subscribed: lines.reduce((n, l) => n + l.subscribed, 0),
        used: lines.reduce((n, l) => n + l.used, 0),
        available: lines.reduce((n, l) => n + l.available, 0),
      },
      tree: {
        subscribed: root?.dedicated,
        used: tree.nodes.reduce((n, node) => n + node.assigned, 0),
        available: tree.nodes.reduce((n, node) => n + node.available, 0),
      },
      usageNow: {
        subscribed: usage.now.quota,
        used: usage.now.used,
        available: usage.now.quota - usage.now.used,
      },
      lastPeak: usage.points.at(-1)?.peak,
      byNode: Object.fromEntries(
        tree.nodes.map((n) => [n.id, [n.dedicated, n.pool, n.assigned, n.available]]),
      ),
    };
  };

  const agree = async (org: SeededOrg, productId: string, want: { subscribed: number; used: number }) => {
    const s = await surfaces(org, productId);
    const expected = { ...want, available: want.subscribed - want.used };
    expect(s.licenseManagement, `${productId} License Management`).toEqual(expected);
    expect(s.tree, `${productId} organization tree`).toEqual(expected);
    expect(s.usageNow, `${productId} utilization now`).toEqual(expected);
    expect(s.lastPeak, `${productId} utilization, current bucket`).toBeGreaterThanOrEqual(want.used);
    return s.byNode;
  };

  it('R9 R13 R14 R16 R21 R22 KSE seats, KRE sessions and offline files, with sub-organizations holding dedications', async () => {
    const org = await seedOrg(server.ctx);
    const x = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'X',
      parentId: org.orgId,
    });
    const x1 = await createOrganization(server.ctx.db, { accountId: org.accountId, name: 'X1', parentId: x });
    const inX = await user([org.orgId, x]);
    const inX1 = await user([org.orgId, x, x1]);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 5,
      machineQuota: 9,
    });
    // Administering X from the root without membership is another change's; here the owner joins X.
    await addMember(server.ctx.db, { orgId: x, userId: org.owner.userId, role: 'admin' });
    await dedicate(org, org.orgId, 'kse', x, 2);
    await dedicate(org, org.orgId, 'kre', x, 3);
    await dedicate(org, x, 'kre', x1, 1);

    // KSE: three seats (root member, X, X1) and one offline file of the organization.
    await ok(grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId));
    await ok(grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', inX.userId));
    await ok(grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', inX1.userId));
    await ok(
      createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kse',
        machineId: fakeMachine().machineId,
      }),
    );

    // KRE: a root machine running two sessions (2), X's machine reserved online with its own offline
    // file (1, not 2), X1's machine running one session (1): 4 of 5.
    const a = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    await ok(checkoutSession(server.app, org.member.apiKey, 'kre', a));
    await ok(checkoutSession(server.app, org.member.apiKey, 'kre', a));
    const b = fakeMachine();
    await ok(
      createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kre',
        machineId: b.machineId,
        userId: inX.userId,
      }),
    );
    await activateOk(server.app, inX.apiKey, 'kre', b);
    const c = (await activateOk(server.app, inX1.apiKey, 'kre', fakeMachine())).machineId;
    await ok(checkoutSession(server.app, inX1.apiKey, 'kre', c));

    const kse = await agree(org, 'kse', { subscribed: 5, used: 4 });
    expect(kse[x]).toEqual([2, 2, 2, 0]);
    const kre = await agree(org, 'kre', { subscribed: 5, used: 4 });
    expect(kre[org.orgId]).toEqual([5, 2, 2, 0]);
    expect(kre[x]).toEqual([3, 2, 1, 1]);
    expect(kre[x1]).toEqual([1, 1, 1, 0]);
  });

  it('R25 R26 node-locked and floating lines with offline files agree as well', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'floating',
      quota: 3,
      machineQuota: 9,
    });
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 3,
      machineQuota: 9,
    });
    // Floating: a session on one machine, an offline file on another, and one machine with both (one use).
    const f1 = (await activateOk(server.app, org.member.apiKey, 'kse', fakeMachine())).machineId;
    await ok(checkoutSession(server.app, org.member.apiKey, 'kse', f1));
    await ok(createOffline(server.app, org.owner.apiKey, org.orgId, { productId: 'kse', machineId: f1 }));
    await ok(
      createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kse',
        machineId: fakeMachine().machineId,
      }),
    );
    await agree(org, 'kse', { subscribed: 3, used: 2 });
    // Node-locked: a reserved machine with its offline file (one), another reserved machine (one).
    const n1 = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', n1);
    await ok(
      createOffline(server.app, org.owner.apiKey, org.orgId, { productId: 'kre', machineId: n1.machineId }),
    );
    await activateOk(server.app, org.admin.apiKey, 'kre', fakeMachine());
    await agree(org, 'kre', { subscribed: 3, used: 2 });
  });
});
