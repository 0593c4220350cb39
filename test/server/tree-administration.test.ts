import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { LICENSE_QUOTA_MESSAGE } from '../../shared/domain/quota';
import type { Role } from '../../shared/domain/roles';
import { addMember, createOrganization, createUser } from '../../src-server/services/provisioning';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg, type SeededUser } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { send } from './admin/admin-kit';
import { activateOk, checkoutSession, createOffline, grantSeat } from './api';

// R13–R15: administration flows down the organization tree, never up or sideways. An Owner or Admin
// of an organization administers its whole subtree; a sub-organization's admin never sees its parent
// or its siblings (they answer like a missing organization).
describe.each(DB_KINDS)('administration down the organization tree (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  /** Acme (KSE per-User 6) → QA (its own KRE 3) → QA mobile; Dev is QA's sibling. */
  const tree = async () => {
    const org = await seedOrg(server.ctx, 'Acme');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 6 });
    const sub = (name: string, parentId: string) =>
      createOrganization(server.ctx.db, { accountId: org.accountId, name, parentId });
    const qa = await sub('QA', org.orgId);
    const qaMobile = await sub('QA mobile', qa);
    const dev = await sub('Dev', org.orgId);
    await seedSubscription(server.ctx, qa, { productId: 'kre', kind: 'session', quota: 3 });
    const user = async (orgId: string, role: Role = 'member', name = 'u'): Promise<SeededUser> => {
      const email = `${name}-${randomUUID()}@example.test`;
      const created = await createUser(server.ctx.db, { email, name });
      await addMember(server.ctx.db, { orgId, userId: created.userId, role });
      return { ...created, email };
    };
    return { org, qa, qaMobile, dev, user };
  };
  const seats = async (userId: string) =>
    (
      await server.ctx.db
        .selectFrom('seat_assignments')
        .select('subscription_id')
        .where('user_id', '=', userId)
        .execute()
    ).length;
  const put = (org: SeededOrg, key: string, parent: string, child: string, count: number) =>
    send(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(parent, 'kse', child),
      key,
      body: { count },
    });

  it('R13 R15 an admin of a sub-organization grants its member a seat from the subscription above it', async () => {
    const t = await tree();
    const qaAdmin = await t.user(t.qa, 'admin');
    const tester = await t.user(t.qa);
    // Before: 403 PRODUCT_NOT_SUBSCRIBED ("None of your organizations subscribes…").
    const granted = await grantSeat(server.app, qaAdmin.apiKey, t.qa, 'kse', tester.userId);
    expect(granted).toMatchObject({ ok: true });
    expect(await seats(tester.userId)).toBe(1);
  });

  it('R13 R15 the account owner grants a member of a sub-organization a seat through the root organization', async () => {
    const t = await tree();
    const mobile = await t.user(t.qaMobile);
    // Before: 403 NOT_A_MEMBER (only direct members of the root could be granted).
    expect(await grantSeat(server.app, t.org.owner.apiKey, t.org.orgId, 'kse', mobile.userId)).toMatchObject({
      ok: true,
    });
  });

  it('R14 R15 the account owner sets a dedication between two descendants without being their member', async () => {
    const t = await tree();
    expect((await put(t.org, t.org.owner.apiKey, t.org.orgId, t.qa, 3)).status).toBe(200);
    // Before: refused unless the owner was first added to QA as a member.
    const res = await put(t.org, t.org.owner.apiKey, t.qa, t.qaMobile, 1);
    expect(res.status).toBe(200);
    const node = (res.body as { nodes: { id: string; pool: number }[] }).nodes.find(
      (n) => n.id === t.qaMobile,
    );
    expect(node?.pool).toBe(1);
  });

  it('R13 a member of a sub-organization naming it draws on the nearest subscription up the tree', async () => {
    const t = await tree();
    const mobile = await t.user(t.qaMobile);
    const activation = await activateOk(server.app, mobile.apiKey, 'kre', fakeMachine(), {
      organizationId: t.qaMobile,
    });
    expect(activation.productId).toBe('kre');
    const held = await server.ctx.db
      .selectFrom('activations as a')
      .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
      .select('s.org_id')
      .where('a.user_id', '=', mobile.userId)
      .executeTakeFirstOrThrow();
    expect(held.org_id).toBe(t.qa);
  });

  it('R13 R17 a sub-organization admin grants only within its dedication, and the refusal leads with R17', async () => {
    const t = await tree();
    expect((await put(t.org, t.org.owner.apiKey, t.org.orgId, t.qa, 1)).status).toBe(200);
    const qaAdmin = await t.user(t.qa, 'admin');
    const [a, b] = [await t.user(t.qa), await t.user(t.qa)];
    expect((await grantSeat(server.app, qaAdmin.apiKey, t.qa, 'kse', a.userId)).ok).toBe(true);
    const over = await grantSeat(server.app, qaAdmin.apiKey, t.qa, 'kse', b.userId);
    expect(over).toMatchObject({ ok: false, status: 409, error: { code: 'DEDICATION_EXHAUSTED' } });
    const message = over.ok ? '' : over.error.message;
    expect(message.startsWith(`${LICENSE_QUOTA_MESSAGE} `)).toBe(true);
    expect(message).toContain('"QA" may use 1 Katalon Studio Enterprise license and');
    expect(await seats(b.userId)).toBe(0);
  });

  it('R15 a sub-organization admin never sees or changes its parent or siblings (404 like a missing organization)', async () => {
    const t = await tree();
    const qaAdmin = await t.user(t.qa, 'admin');
    const devMember = await t.user(t.dev);
    expect(
      (await grantSeat(server.app, t.org.admin.apiKey, t.org.orgId, 'kse', t.org.member.userId)).ok,
    ).toBe(true);
    const missing = await send(server.app, {
      method: 'GET',
      url: ADMIN_PATHS.tree(randomUUID(), 'kse'),
      key: qaAdmin.apiKey,
    });
    expect(missing.status).toBe(404);
    for (const orgId of [t.org.orgId, t.dev]) {
      const tree = await send(server.app, {
        method: 'GET',
        url: ADMIN_PATHS.tree(orgId, 'kse'),
        key: qaAdmin.apiKey,
      });
      expect(tree).toEqual(missing);
      const members = await send(server.app, {
        method: 'GET',
        url: ADMIN_PATHS.members(orgId),
        key: qaAdmin.apiKey,
      });
      expect(members).toEqual(missing);
      const granted = await grantSeat(server.app, qaAdmin.apiKey, orgId, 'kse', devMember.userId);
      expect(granted).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_ORGANIZATION' } });
    }
    expect((await put(t.org, qaAdmin.apiKey, t.org.orgId, t.dev, 1)).status).toBe(404);
    // Through its own organization it reaches neither a sibling's member nor the parent's seats.
    const sideways = await grantSeat(server.app, qaAdmin.apiKey, t.qa, 'kse', devMember.userId);
    expect(sideways).toMatchObject({ ok: false, status: 403, error: { code: 'NOT_A_MEMBER' } });
    const removal = await send(server.app, {
      method: 'DELETE',
      url: `/v1/orgs/${t.qa}/seats/${t.org.member.userId}`,
      key: qaAdmin.apiKey,
      query: { productId: 'kse' },
    });
    expect(removal.status).toBeGreaterThanOrEqual(400);
    const qaTester = await t.user(t.qa);
    const transfer = await send(server.app, {
      method: 'POST',
      url: `/v1/orgs/${t.qa}/seats/transfer`,
      key: qaAdmin.apiKey,
      body: { productId: 'kse', fromUserId: t.org.member.userId, toUserId: qaTester.userId },
    });
    expect(transfer.status).toBeGreaterThanOrEqual(400);
    expect(await seats(t.org.member.userId)).toBe(1);
    expect(await seats(qaTester.userId)).toBe(0);
  });

  it('R13–R16 the account owner runs every License Management operation of a three-level tree from the root without being a member below it', async () => {
    const t = await tree();
    const owner = t.org.owner.apiKey;
    const deep = t.qaMobile;
    const qaTester = await t.user(t.qa, 'member', 'Quinn');
    const mobile = await t.user(deep, 'member', 'Mo');
    const mobile2 = await t.user(deep, 'member', 'Mia');
    const ok = async (r: Parameters<typeof send>[1]) => {
      const res = await send(server.app, { ...r, key: owner });
      if (res.status >= 300)
        throw new Error(`${r.method} ${r.url} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const page = { offset: 0, limit: 10 };
    const total = async (url: string, query: Record<string, string | number> = page) =>
      ((await ok({ method: 'GET', url, query })) as { total: number }).total;
    // Dedications down two levels.
    await ok({ method: 'PUT', url: ADMIN_PATHS.dedication(t.org.orgId, 'kse', t.qa), body: { count: 3 } });
    await ok({ method: 'PUT', url: ADMIN_PATHS.dedication(t.qa, 'kse', deep), body: { count: 2 } });
    // Grants through the root and through the deepest organization; a root member's seat is not QA mobile's.
    expect((await grantSeat(server.app, owner, t.org.orgId, 'kse', qaTester.userId)).ok).toBe(true);
    expect((await grantSeat(server.app, owner, t.org.orgId, 'kse', t.org.member.userId)).ok).toBe(true);
    expect((await grantSeat(server.app, owner, deep, 'kse', mobile.userId)).ok).toBe(true);
    // Transfer, removal and a new grant in the leaf.
    await ok({
      method: 'POST',
      url: `/v1/orgs/${deep}/seats/transfer`,
      body: { productId: 'kse', fromUserId: mobile.userId, toUserId: mobile2.userId },
    });
    expect(await seats(mobile.userId)).toBe(0);
    await ok({
      method: 'DELETE',
      url: `/v1/orgs/${deep}/seats/${mobile2.userId}`,
      query: { productId: 'kse' },
    });
    expect((await grantSeat(server.app, owner, deep, 'kse', mobile.userId)).ok).toBe(true);
    // An offline file for a member two levels down, and its re-download.
    const offline = await createOffline(server.app, owner, deep, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      userId: mobile2.userId,
    });
    if (!offline.ok) throw new Error(JSON.stringify(offline.error));
    await ok({ method: 'GET', url: ADMIN_PATHS.offlineLicense(deep, offline.value.id) });
    // Every section of the deepest organization's License Management, for a product it draws on from
    // its parent (KRE, QA's) and one it draws on from the root (KSE, Acme's). Before: 403
    // PRODUCT_NOT_SUBSCRIBED for each, since QA mobile holds no line itself.
    const machine = fakeMachine();
    await activateOk(server.app, mobile.apiKey, 'kre', machine, { organizationId: deep });
    const session = await checkoutSession(server.app, mobile.apiKey, 'kre', machine.machineId);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const list = (await ok({ method: 'GET', url: ADMIN_PATHS.subscriptions(deep) })) as {
      productId: string;
      inheritedFrom?: { name: string };
    }[];
    expect(Object.fromEntries(list.map((l) => [l.productId, l.inheritedFrom?.name]))).toEqual({
      kse: 'Acme',
      kre: 'QA',
    });
    for (const productId of ['kse', 'kre']) {
      await ok({ method: 'GET', url: ADMIN_PATHS.subscription(deep, productId) });
      for (const url of [
        ADMIN_PATHS.licensedUsers(deep, productId),
        ADMIN_PATHS.onlineLicenses(deep, productId),
        ADMIN_PATHS.offlineLicenses(deep, productId),
        ADMIN_PATHS.machines(deep, productId),
        ADMIN_PATHS.sessions(deep, productId),
      ])
        await ok({ method: 'GET', url, query: page });
      await ok({ method: 'GET', url: ADMIN_PATHS.tree(deep, productId) });
      await ok({ method: 'GET', url: ADMIN_PATHS.migrationPreview(deep, productId) });
      await ok({
        method: 'GET',
        url: ADMIN_PATHS.usage(deep, productId),
        query: {
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 60_000).toISOString(),
          bucket: 'hour',
        },
      });
    }
    // What the leaf's tables show is its members' use only (R15: never the parent's).
    expect(await total(ADMIN_PATHS.licensedUsers(deep, 'kse'))).toBe(1);
    expect(await total(ADMIN_PATHS.licensedUsers(t.org.orgId, 'kse'))).toBe(3);
    expect(await total(ADMIN_PATHS.offlineLicenses(deep, 'kse'))).toBe(1);
    expect(await total(ADMIN_PATHS.onlineLicenses(deep, 'kre'))).toBe(1);
    expect(await total(ADMIN_PATHS.machines(deep, 'kre'))).toBe(1);
    expect(await total(ADMIN_PATHS.sessions(deep, 'kre'))).toBe(1);
    // Force-release the session, then remove the machine, both through the leaf.
    await ok({ method: 'DELETE', url: `/v1/orgs/${deep}/sessions/${session.value.session.id}` });
    expect(await total(ADMIN_PATHS.sessions(deep, 'kre'))).toBe(0);
    await ok({ method: 'DELETE', url: ADMIN_PATHS.machine(deep, 'kre', machine.machineId) });
    expect(await total(ADMIN_PATHS.onlineLicenses(t.qa, 'kre'))).toBe(0);
    // The subscription is migrated where it is held, never through a sub-organization.
    const migrate = await send(server.app, {
      method: 'POST',
      url: ADMIN_PATHS.migration(deep, 'kre'),
      key: owner,
    });
    expect(migrate).toMatchObject({ status: 403, body: { error: { code: 'OTHER_ORGANIZATION' } } });
    // Members of the leaf: add, change the role, reissue the key, remove; and its audit.
    const added = (await ok({
      method: 'POST',
      url: ADMIN_PATHS.members(deep),
      body: { email: `new-${randomUUID()}@example.test`, role: 'member' },
    })) as { userId: string };
    await ok({ method: 'PUT', url: ADMIN_PATHS.memberRole(deep, added.userId), body: { role: 'admin' } });
    await ok({ method: 'POST', url: ADMIN_PATHS.memberKey(deep, added.userId) });
    await ok({ method: 'DELETE', url: ADMIN_PATHS.member(deep, added.userId) });
    await ok({ method: 'GET', url: ADMIN_PATHS.members(deep), query: page });
    await ok({ method: 'GET', url: ADMIN_PATHS.audit(deep), query: page });
  });

  it('R13 R14 a sub-organization drawing on an ancestor shows that subscription, naming it, and its own tree node', async () => {
    const t = await tree();
    const owner = t.org.owner.apiKey;
    await put(t.org, owner, t.org.orgId, t.qa, 3);
    await put(t.org, owner, t.qa, t.qaMobile, 2);
    const mobile = await t.user(t.qaMobile);
    expect((await grantSeat(server.app, owner, t.qaMobile, 'kse', mobile.userId)).ok).toBe(true);
    expect((await grantSeat(server.app, owner, t.org.orgId, 'kse', t.org.member.userId)).ok).toBe(true);
    const get = async (url: string) => (await send(server.app, { method: 'GET', url, key: owner })).body;
    const root = (await get(ADMIN_PATHS.subscription(t.org.orgId, 'kse'))) as Record<string, unknown>;
    const leaf = (await get(ADMIN_PATHS.subscription(t.qaMobile, 'kse'))) as Record<string, unknown>;
    const { inheritedFrom, share, ...figures } = leaf;
    // The subscription's figures are the holder's, as its own License Management shows them.
    expect(figures).toEqual(root);
    expect(inheritedFrom).toEqual({ orgId: t.org.orgId, name: 'Acme' });
    // Its share is the node the organization tree shows for it.
    const node = (
      (await get(ADMIN_PATHS.tree(t.qaMobile, 'kse'))) as { nodes: Record<string, unknown>[] }
    ).nodes.find((n) => n['id'] === t.qaMobile);
    expect(share).toEqual({
      dedicated: node?.['dedicated'],
      pool: node?.['pool'],
      assigned: node?.['assigned'],
      available: node?.['available'],
    });
    expect(share).toMatchObject({ dedicated: 2, assigned: 1, available: 1 });
    expect(root).toMatchObject({ subscribed: 6, used: 2, available: 4 });
  });
});
