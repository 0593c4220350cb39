import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { orgTreeSchema } from '../../shared/contracts/ipc-admin-org';
import type { Role } from '../../shared/domain/roles';
import { addMember, createOrganization, createUser } from '../../src-server/services/provisioning';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { expectOk, send } from './admin/admin-kit';
import { activateOk, activateRefused, createOffline, grantSeat } from './api';

// R13/R14 enforced where licenses are used: a member draws on the dedication of their own
// organization (or its nearest ancestor holding one), never on what is dedicated to a sibling or child.
describe.each(DB_KINDS)('dedications enforced when licenses are used (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const subOrg = (org: SeededOrg, name: string, parentId = org.orgId) =>
    createOrganization(server.ctx.db, { accountId: org.accountId, name, parentId });
  const memberOf = async (orgIds: string[], role: Role = 'member') => {
    const user = await createUser(server.ctx.db, {
      email: `u-${crypto.randomUUID()}@example.test`,
      name: 'u',
    });
    for (const orgId of orgIds) await addMember(server.ctx.db, { orgId, userId: user.userId, role });
    return user;
  };
  const dedicate = async (
    org: SeededOrg,
    parent: string,
    productId: string,
    child: string,
    count: number,
  ) => {
    const res = await send(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(parent, productId, child),
      key: org.owner.apiKey,
      body: { count },
    });
    expect(res.status).toBe(200);
  };
  const tree = async (org: SeededOrg, productId: string, at = org.orgId, key = org.owner.apiKey) => {
    const t = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.tree(at, productId), key },
      orgTreeSchema,
    );
    return (id: string) => {
      const n = t.nodes.find((node) => node.id === id);
      return n && { pool: n.pool, assigned: n.assigned, available: n.available };
    };
  };
  const liveActivations = async (subscriptionOrg: string) =>
    (
      await server.ctx.db
        .selectFrom('activations as a')
        .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
        .select('a.id')
        .where('s.org_id', '=', subscriptionOrg)
        .where('a.deactivated_at', 'is', null)
        .execute()
    ).length;

  it("R13 R14 KRE: the parent uses only its pool, a sub-organization only its dedication, a sibling's dedication stays free", async () => {
    const org = await seedOrg(server.ctx, 'Acme');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 6 });
    const qa = await subOrg(org, 'QA team');
    const qaMobile = await subOrg(org, 'QA mobile', qa);
    const dev = await subOrg(org, 'Dev');
    await dedicate(org, org.orgId, 'kre', qa, 3);
    await dedicate(org, org.orgId, 'kre', dev, 1);

    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    await activateOk(server.app, org.admin.apiKey, 'kre', fakeMachine());
    const parentOver = await activateRefused(server.app, org.owner.apiKey, 'kre', fakeMachine());
    expect(parentOver).toMatchObject({ status: 409, code: 'DEDICATION_EXHAUSTED' });
    expect(parentOver.message).toContain('"Acme"');
    expect(parentOver.message).toMatch(/dedicated to its sub-organizations/);

    const tester = await memberOf([qa]);
    const mobileTester = await memberOf([qaMobile]);
    await activateOk(server.app, tester.apiKey, 'kre', fakeMachine());
    await activateOk(server.app, tester.apiKey, 'kre', fakeMachine());
    // R13: QA mobile holds no dedication, so its members use QA's.
    await activateOk(server.app, mobileTester.apiKey, 'kre', fakeMachine());
    const childOver = await activateRefused(server.app, mobileTester.apiKey, 'kre', fakeMachine());
    expect(childOver).toMatchObject({ status: 409, code: 'DEDICATION_EXHAUSTED' });
    expect(childOver.message).toContain('"QA team"');
    expect(childOver.message).toMatch(/dedicate more/);
    expect(await liveActivations(org.orgId)).toBe(5);

    const node = await tree(org, 'kre');
    expect(node(org.orgId)).toEqual({ pool: 2, assigned: 2, available: 0 });
    expect(node(qa)).toEqual({ pool: 3, assigned: 3, available: 0 });
    expect(node(qaMobile)).toEqual({ pool: 0, assigned: 0, available: 0 });
    expect(node(dev)).toEqual({ pool: 1, assigned: 0, available: 1 });
    const qaAdmin = await memberOf([qa], 'admin');
    const fromQa = await tree(org, 'kre', qa, qaAdmin.apiKey);
    expect(fromQa(qa)).toEqual({ pool: 3, assigned: 3, available: 0 });
    expect(fromQa(org.orgId)).toBeUndefined();
  });

  it('R14 seats: granting to a member of the parent is refused once the rest is dedicated; members of the sub-organization get its seats', async () => {
    const org = await seedOrg(server.ctx, 'Globex');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 4 });
    const dev = await subOrg(org, 'Dev');
    await dedicate(org, org.orgId, 'kse', dev, 2);
    expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.member.userId)).ok).toBe(
      true,
    );
    expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.owner.userId)).ok).toBe(true);
    const refused = await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.admin.userId);
    expect(!refused.ok && refused.error.code).toBe('DEDICATION_EXHAUSTED');
    const devs = [await memberOf([org.orgId, dev]), await memberOf([org.orgId, dev])];
    for (const d of devs) {
      expect((await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', d.userId)).ok).toBe(true);
    }
    const seats = await server.ctx.db
      .selectFrom('seat_assignments as a')
      .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
      .select('a.user_id')
      .where('s.org_id', '=', org.orgId)
      .execute();
    const node = await tree(org, 'kse');
    expect(node(org.orgId)).toEqual({ pool: 2, assigned: 2, available: 0 });
    expect(node(dev)).toEqual({ pool: 2, assigned: 2, available: 0 });
    expect(seats.map((x) => x.user_id).sort()).toEqual(
      [org.member.userId, org.owner.userId, ...devs.map((d) => d.userId)].sort(),
    );
  });

  it('R9 R14 an offline license made for no user counts at the organization that made it, within its pool', async () => {
    const org = await seedOrg(server.ctx, 'Initech');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 2 });
    const ops = await subOrg(org, 'Ops');
    await dedicate(org, org.orgId, 'kre', ops, 1);
    const first = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    expect(first.ok).toBe(true);
    const second = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    expect(!second.ok && second.error.code).toBe('DEDICATION_EXHAUSTED');
    const files = await server.ctx.db
      .selectFrom('offline_licenses')
      .select('id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(files).toHaveLength(1);
  });
});
