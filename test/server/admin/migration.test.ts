import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { HTTP_PATHS } from '../../../shared/contracts/http/paths';
import { migrationPlanSchema } from '../../../shared/contracts/ipc-admin-org';
import { fakeMachine } from '../../support/machines';
import { liveSubscriptionLines, seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, checkoutSession } from '../api';
import { expectOk, send } from './admin-kit';

describe.each(DB_KINDS)('migration preview and apply (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const lines = (orgId: string) => liveSubscriptionLines(server.ctx, orgId);
  const preview = (org: SeededOrg, productId: string) =>
    expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.migrationPreview(org.orgId, productId), key: org.admin.apiKey },
      migrationPlanSchema,
    );
  const apply = (org: SeededOrg, productId: string) =>
    expectOk(
      server.app,
      { method: 'POST', url: ADMIN_PATHS.migration(org.orgId, productId), key: org.owner.apiKey, body: {} },
      migrationPlanSchema,
    );
  const useOnce = async (org: SeededOrg, user: SeededOrg['member']) => {
    const machine = (await activateOk(server.app, user.apiKey, 'kse', fakeMachine())).machineId;
    const s = await checkoutSession(server.app, user.apiKey, 'kse', machine);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    await send(server.app, {
      method: 'DELETE',
      url: HTTP_PATHS.session(s.value.session.id),
      key: user.apiKey,
    });
    return org;
  };

  it('R28 R27 preview shows floating → per-User and who gets one, changes nothing; apply converts and grants', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'floating', quota: 3 });
    await useOnce(org, org.member);
    const plan = await preview(org, 'kse');
    expect(plan).toMatchObject({
      productId: 'kse',
      applied: false,
      from: [{ licenseKind: 'floating', count: 3 }],
      to: [{ licenseKind: 'per-user', count: 3 }],
    });
    expect(plan.assignments.map((a) => a.email)).toEqual([org.member.email]);
    expect(plan.notes.join(' ')).toMatch(/2 per-User license\(s\) stay unassigned/);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'floating', quota: 3 }]);

    const done = await apply(org, 'kse');
    expect(done.applied).toBe(true);
    expect(done.assignments.map((a) => a.userId)).toEqual([org.member.userId]);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'per-user', quota: 3 }]);
    const seats = await server.ctx.db
      .selectFrom('seat_assignments as a')
      .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
      .select('a.user_id')
      .where('s.org_id', '=', org.orgId)
      .execute();
    expect(seats).toEqual([{ user_id: org.member.userId }]);
  });

  it('R29 KRE node-locked 2 + floating 3 preview and apply as 5 floating', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'node-locked', quota: 2 });
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 3 });
    const plan = await preview(org, 'kre');
    expect(plan.to).toEqual([{ licenseKind: 'floating', count: 5 }]);
    expect(plan.from.map((f) => f.count).sort()).toEqual([2, 3]);
    expect((await apply(org, 'kre')).applied).toBe(true);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'floating', quota: 5 }]);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'subscription.migrated')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('R28 a product without deprecated types keeps its lines; apply reports nothing applied', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'per-user',
      quota: 2,
      billingCycle: 'annual',
    });
    const plan = await preview(org, 'kse');
    expect(plan.to).toEqual([{ licenseKind: 'per-user', count: 2 }]);
    expect(plan.assignments).toEqual([]);
    expect((await apply(org, 'kse')).applied).toBe(false);
    expect(await lines(org.orgId)).toEqual([{ license_kind: 'per-user', quota: 2 }]);
  });
});
