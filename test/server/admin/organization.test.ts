import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { HTTP_PATHS } from '../../../shared/contracts/http/paths';
import { licensedUsersPageSchema } from '../../../shared/contracts/ipc-admin-licenses';
import {
  membersPageSchema,
  orgTreeSchema,
  type orgNodeSchema,
} from '../../../shared/contracts/ipc-admin-org';
import { LICENSE_QUOTA_MESSAGE } from '../../../shared/domain/quota';
import { createOrganization } from '../../../src-server/services/provisioning';
import type { z } from 'zod';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { createOffline, grantSeat } from '../api';
import { expectOk, expectRefused, send } from './admin-kit';

const counts = (n: z.infer<typeof orgNodeSchema> | undefined) =>
  n && { dedicated: n.dedicated, pool: n.pool, assigned: n.assigned, available: n.available };

describe.each(DB_KINDS)('organization tree, members, transfers (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('R13 R14 pool = dedicated − direct sub-organizations, available = pool − assigned (seed 000)', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'testops-full', kind: 'seat', quota: 10 });
    const child = (name: string, parentId: string) =>
      createOrganization(server.ctx.db, { accountId: org.accountId, name, parentId });
    const qa = await child('QA', org.orgId);
    const dev = await child('Dev', org.orgId);
    const qaMobile = await child('QA mobile', qa);
    for (const user of [org.member, org.admin]) {
      expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'testops-full', user.userId)).ok).toBe(
        true,
      );
    }
    const dedicate = (parent: string, childOrgId: string, count: number) =>
      send(server.app, {
        method: 'PUT',
        url: ADMIN_PATHS.dedication(parent, 'testops-full', childOrgId),
        key: org.admin.apiKey,
        body: { count },
      });
    expect((await dedicate(org.orgId, qa, 4)).status).toBe(200);
    expect((await dedicate(org.orgId, dev, 3)).status).toBe(200);
    const tree = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.tree(org.orgId, 'testops-full'), key: org.owner.apiKey },
      orgTreeSchema,
    );
    const node = (id: string) => counts(tree.nodes.find((n) => n.id === id));
    expect(node(org.orgId)).toEqual({ dedicated: 10, pool: 3, assigned: 2, available: 1 });
    expect(node(qa)).toEqual({ dedicated: 4, pool: 4, assigned: 0, available: 4 });
    expect(node(dev)).toEqual({ dedicated: 3, pool: 3, assigned: 0, available: 3 });
    expect(node(qaMobile)).toEqual({ dedicated: 0, pool: 0, assigned: 0, available: 0 });
    expect(tree.nodes.find((n) => n.id === qaMobile)?.parentId).toBe(qa);

    const tooMany = await expectRefused(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(org.orgId, 'testops-full', dev),
      key: org.admin.apiKey,
      body: { count: 6 },
    });
    expect(tooMany.code).toBe('DEDICATION_EXCEEDS_POOL');
    expect(tooMany.message).toBe(
      'The number of licenses cannot exceed the license quota. "Acme" can dedicate at most 4 testops-full licenses to "Dev", not 6.',
    );
    const grandchild = await expectRefused(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(org.orgId, 'testops-full', qaMobile),
      key: org.admin.apiKey,
      body: { count: 1 },
    });
    expect(grandchild.code).toBe('VALIDATION_FAILED');
    expect(grandchild.message).toBe('"QA mobile" is not a direct sub-organization of "Acme".');
    const foreign = await expectRefused(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(org.orgId, 'testops-full', org.otherOrgId),
      key: org.admin.apiKey,
      body: { count: 1 },
    });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    const audit = await server.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'licenses.dedicated')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('R18 the members page warns when free-plan and KSE users mix, and not otherwise', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    const read = () =>
      expectOk(
        server.app,
        {
          method: 'GET',
          url: ADMIN_PATHS.members(org.orgId),
          key: org.admin.apiKey,
          query: { offset: 0, limit: 10 },
        },
        membersPageSchema,
      );
    expect((await read()).freePlanWarning).toBeNull();
    expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.member.userId)).ok).toBe(
      true,
    );
    const mixed = await read();
    // R18: the warning names who is on the free plan (the seeded users' names are their roles).
    expect(mixed.freePlanWarning).toMatch(/: admin and owner use the free plan\./);
    expect(mixed.total).toBe(3);
    expect(mixed.items.find((m) => m.userId === org.member.userId)?.licensedProducts).toEqual(['kse']);
    expect(mixed.items.find((m) => m.userId === org.owner.userId)).toMatchObject({
      role: 'owner',
      licensedProducts: [],
    });
  });

  it('R17 granting past the quota is refused with the quota sentence', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 1 });
    expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.member.userId)).ok).toBe(
      true,
    );
    const second = await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.admin.userId);
    expect(second.ok ? null : second.error.message).toBe(LICENSE_QUOTA_MESSAGE);
  });

  it('R24 R17 a transfer moves the license within the quota and is refused with the quota sentence past it', async () => {
    const org = await seedOrg(server.ctx);
    const subId = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'per-user',
      quota: 2,
    });
    const other = await org.addUser('member', 'other');
    for (const u of [org.member, org.admin])
      await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', u.userId);
    const transfer = (fromUserId: string, toUserId: string) =>
      send(server.app, {
        method: 'POST',
        url: HTTP_PATHS.seatTransfer(org.orgId),
        key: org.owner.apiKey,
        body: { productId: 'kse', fromUserId, toUserId },
      });
    expect((await transfer(org.member.userId, other.userId)).status).toBe(200);
    const users = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.licensedUsers(org.orgId, 'kse'),
        key: org.admin.apiKey,
        query: { offset: 0, limit: 10 },
      },
      licensedUsersPageSchema,
    );
    expect(users.items.map((u) => u.userId).sort()).toEqual([org.admin.userId, other.userId].sort());
    await server.ctx.db.updateTable('subscriptions').set({ quota: 1 }).where('id', '=', subId).execute();
    const refused = await transfer(other.userId, org.member.userId);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain(LICENSE_QUOTA_MESSAGE);
  });

  it('R24 an offline license is never transferred', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 3 });
    const offline = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      userId: org.member.userId,
    });
    expect(offline.ok).toBe(true);
    const refused = await expectRefused(server.app, {
      method: 'POST',
      url: HTTP_PATHS.seatTransfer(org.orgId),
      key: org.admin.apiKey,
      body: { productId: 'kse', fromUserId: org.member.userId, toUserId: org.owner.userId },
    });
    expect(refused.code).toBe('OFFLINE_NOT_TRANSFERABLE');
  });
});
