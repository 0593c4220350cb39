import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, checkoutSession } from './api';
import { call } from './helpers';

describe.each(DB_KINDS)('TrueTest, licensed per application under test (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const trueTestOrg = async (quota: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'truetest', kind: 'aut', quota });
    return org;
  };
  const activated = async (key: string) => {
    const machine = fakeMachine();
    const lease = await activateOk(server.app, key, 'truetest', machine);
    expect(lease.licenseKind).toBe('aut');
    return machine.machineId;
  };

  it('R3 distinct applications under test at the same time never exceed the purchased number', async () => {
    const org = await trueTestOrg(2);
    const [m1, m2, m3] = [
      await activated(org.member.apiKey),
      await activated(org.admin.apiKey),
      await activated(org.owner.apiKey),
    ];
    const shop = await checkoutSession(server.app, org.member.apiKey, 'truetest', m1, {
      applicationId: 'shop-web',
    });
    expect(shop.ok).toBe(true);
    // The same application tested from a second machine by another user takes no second license.
    expect(
      (await checkoutSession(server.app, org.admin.apiKey, 'truetest', m2, { applicationId: 'shop-web' })).ok,
    ).toBe(true);
    const billing = await checkoutSession(server.app, org.owner.apiKey, 'truetest', m3, {
      applicationId: 'billing-api',
    });
    expect(billing.ok).toBe(true);
    const third = await checkoutSession(server.app, org.member.apiKey, 'truetest', m1, {
      applicationId: 'crm',
    });
    expect(third).toMatchObject({ ok: false, status: 409, error: { code: 'APPLICATION_QUOTA_EXCEEDED' } });
    expect(!third.ok && third.error.message).toMatch(/2 of 2 applications are already under test/);

    if (!billing.ok) throw new Error('billing checkout failed');
    const released = await call(server.app, 'DELETE', `/v1/sessions/${billing.value.session.id}`, {
      key: org.owner.apiKey,
    });
    expect(released.status).toBe(200);
    const crm = await checkoutSession(server.app, org.member.apiKey, 'truetest', m1, {
      applicationId: 'crm',
    });
    expect(crm.ok).toBe(true);
    const rows = await server.ctx.db
      .selectFrom('sessions')
      .select('application_id')
      .where('ended_at', 'is', null)
      .where(
        'machine_ref',
        'in',
        server.ctx.db.selectFrom('machines').select('id').where('org_id', '=', org.orgId),
      )
      .execute();
    expect(new Set(rows.map((r) => r.application_id))).toEqual(new Set(['shop-web', 'crm']));
  });

  it('R3 two checkouts of the same application on one machine hold two sessions under one license', async () => {
    const org = await trueTestOrg(1);
    const machineId = await activated(org.member.apiKey);
    const first = await checkoutSession(server.app, org.member.apiKey, 'truetest', machineId, {
      applicationId: 'app',
    });
    const again = await checkoutSession(server.app, org.member.apiKey, 'truetest', machineId, {
      applicationId: 'app',
    });
    expect(first.ok && again.ok && again.value.session.id !== first.value.session.id).toBe(true);
    const other = await checkoutSession(server.app, org.member.apiKey, 'truetest', machineId, {
      applicationId: 'other',
    });
    expect(!other.ok && other.error.code).toBe('APPLICATION_QUOTA_EXCEEDED');
  });

  it('R3 a TrueTest checkout must name its application, and other models refuse one', async () => {
    const org = await trueTestOrg(1);
    const machineId = await activated(org.member.apiKey);
    const unnamed = await checkoutSession(server.app, org.member.apiKey, 'truetest', machineId);
    expect(unnamed).toMatchObject({ ok: false, status: 400, error: { code: 'VALIDATION_FAILED' } });
    expect(!unnamed.ok && unnamed.error.message).toMatch(/name the application/);
    const blank = await checkoutSession(server.app, org.member.apiKey, 'truetest', machineId, {
      applicationId: '   ',
    });
    expect(blank).toMatchObject({ ok: false, status: 400 });

    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 1 });
    const kreMachine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', kreMachine);
    const kre = await checkoutSession(server.app, org.member.apiKey, 'kre', kreMachine.machineId, {
      applicationId: 'app',
    });
    expect(kre).toMatchObject({ ok: false, status: 400, error: { code: 'VALIDATION_FAILED' } });
    const sessions = await server.ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', org.member.userId)
      .execute();
    expect(sessions).toHaveLength(0);
  });
});
