import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { MeResponse } from '../../../shared/contracts/http/me';
import { auditPageSchema, membersPageSchema } from '../../../shared/contracts/ipc-admin-org';
import { addMember, createOrganization, createUser } from '../../../src-server/services/provisioning';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { grantSeat } from '../api';
import { expectOk } from './admin-kit';

// Pickers and filters search people by name or e-mail on the server (paged), the R18 warning names
// who is on the free plan, and /v1/me says which products the caller may activate (R13).
describe.each(DB_KINDS)('member search, audit by person, subscribed products (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const person = async (orgId: string, name: string) => {
    const email = `${name.toLowerCase().replace(/\W/g, '.')}-${randomUUID().slice(0, 8)}@example.test`;
    const user = await createUser(server.ctx.db, { email, name });
    await addMember(server.ctx.db, { orgId, userId: user.userId, role: 'member' });
    return { ...user, email };
  };

  it('R15 the members list searches by name or e-mail on the server, paged, with the matching total', async () => {
    const org = await seedOrg(server.ctx, 'Search');
    const zoe = await person(org.orgId, 'Zoë Quartermaine');
    await person(org.orgId, 'Quentin Blake');
    for (let i = 0; i < 3; i += 1) await person(org.orgId, `Tester ${i}`);
    const page = (query: Record<string, string | number>) =>
      expectOk(
        server.app,
        { method: 'GET', url: ADMIN_PATHS.members(org.orgId), key: org.admin.apiKey, query },
        membersPageSchema,
      );
    const byName = await page({ offset: 0, limit: 10, query: 'quart' });
    expect(byName.items.map((m) => m.userId)).toEqual([zoe.userId]);
    expect(byName.total).toBe(1);
    const byEmail = await page({ offset: 0, limit: 10, query: zoe.email.slice(0, 12).toUpperCase() });
    expect(byEmail.items.map((m) => m.userId)).toEqual([zoe.userId]);
    const q = await page({ offset: 0, limit: 10, query: 'Q' });
    expect(q.total).toBe(2);
    const paged = await page({ offset: 1, limit: 2, query: 'tester' });
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(2);
    // LIKE wildcards are text, not patterns.
    expect((await page({ offset: 0, limit: 10, query: '%' })).total).toBe(0);
  });

  it('R13 R15 an ancestor admin finds a member of a sub-organization by name on the server, with their organization', async () => {
    const org = await seedOrg(server.ctx, 'Root');
    const qa = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'QA',
      parentId: org.orgId,
    });
    const mobile = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'QA mobile',
      parentId: qa,
    });
    const mo = await person(mobile, 'Morgan Subtree');
    await addMember(server.ctx.db, { orgId: qa, userId: mo.userId, role: 'admin' });
    const page = (orgId: string, key: string, query: Record<string, string | number>) =>
      expectOk(server.app, { method: 'GET', url: ADMIN_PATHS.members(orgId), key, query }, membersPageSchema);
    // Before: only direct members were listed, so the picker could not find Morgan.
    expect((await page(org.orgId, org.admin.apiKey, { query: 'morgan' })).total).toBe(0);
    const found = await page(org.orgId, org.admin.apiKey, { query: 'MORGAN', scope: 'subtree' });
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({
      userId: mo.userId,
      role: 'member',
      organization: { orgId: mobile, name: 'QA mobile' },
    });
    // A sub-organization's subtree never reaches up to its parent's members.
    const up = await page(qa, org.owner.apiKey, { query: org.admin.email, scope: 'subtree' });
    expect(up.total).toBe(0);
  });

  it('R18 the warning names the free-plan member, not "1 member uses the free plan"', async () => {
    const org = await seedOrg(server.ctx, 'Mixed');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    for (const u of [org.owner, org.admin])
      expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', u.userId)).ok).toBe(true);
    const members = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.members(org.orgId), key: org.admin.apiKey },
      membersPageSchema,
    );
    // The seeded member's name is "member".
    expect(members.freePlanWarning).toMatch(/: member uses the free plan\./);
    expect(members.freePlanWarning).not.toMatch(/1 member uses/);
  });

  it('R18 a sub-organization drawing on its parent subscription is warned too', async () => {
    const org = await seedOrg(server.ctx, 'Parent');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    const qa = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'QA',
      parentId: org.orgId,
    });
    const paid = await person(qa, 'Paid Person');
    await person(qa, 'Free Person');
    expect((await grantSeat(server.app, org.owner.apiKey, qa, 'kse', paid.userId)).ok).toBe(true);
    const members = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.members(qa), key: org.owner.apiKey },
      membersPageSchema,
    );
    expect(members.freePlanWarning).toMatch(/: Free Person uses the free plan\./);
  });

  it('R15 the audit log filters by a name or e-mail fragment, not only by UUID', async () => {
    const org = await seedOrg(server.ctx, 'Audited');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    const ann = await person(org.orgId, 'Annabel Lee');
    const bob = await person(org.orgId, 'Bob Stone');
    for (const u of [ann, bob])
      expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', u.userId)).ok).toBe(true);
    const audit = (user: string) =>
      expectOk(
        server.app,
        { method: 'GET', url: ADMIN_PATHS.audit(org.orgId), key: org.admin.apiKey, query: { user } },
        auditPageSchema,
      );
    const byName = await audit('annabel');
    expect(byName.items.map((e) => [e.action, e.details.userId])).toEqual([['seat.granted', ann.userId]]);
    const byEmail = await audit(bob.email.toUpperCase());
    expect(byEmail.items.map((e) => e.details.userId)).toEqual([bob.userId]);
    // The admin made both grants: searching the actor finds both.
    expect((await audit(org.admin.email)).total).toBeGreaterThanOrEqual(2);
    expect((await audit('nobody-like-this')).total).toBe(0);
  });

  it('R13 /v1/me lists the products the caller may activate: their organizations and those above them', async () => {
    const org = await seedOrg(server.ctx, 'Products');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    const qa = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'QA',
      parentId: org.orgId,
    });
    const dev = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Dev',
      parentId: org.orgId,
    });
    await seedSubscription(server.ctx, qa, { productId: 'kre', kind: 'session', quota: 2 });
    await seedSubscription(server.ctx, dev, { productId: 'testops-full', kind: 'seat', quota: 2 });
    const tester = await person(qa, 'Tess');
    const res = await server.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${tester.apiKey}` },
    });
    expect(res.statusCode).toBe(200);
    expect(MeResponse.parse(res.json()).subscribedProducts).toEqual(['kre', 'kse']);
  });
});
