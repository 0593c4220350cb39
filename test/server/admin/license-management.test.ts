import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { HTTP_PATHS } from '../../../shared/contracts/http/paths';
import {
  licensedUsersPageSchema,
  offlineLicensesPageSchema,
  onlineLicensesPageSchema,
  registeredMachinesPageSchema,
  subscriptionDetailsSchema,
} from '../../../shared/contracts/ipc-admin-licenses';
import { doneSchema } from '../../../shared/contracts/ipc-common';
import { z } from 'zod';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, checkoutSession, createOffline, grantSeat } from '../api';
import { expectOk, expectRefused, send } from './admin-kit';

const page = { offset: 0, limit: 50 };

describe.each(DB_KINDS)('License Management (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  /** KRE with 3 licenses: one machine online with a live session, one offline license. */
  const kreOrg = async () => {
    const org = await seedOrg(server.ctx);
    const endsAt = new Date(Date.now() + 100 * 86_400_000);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 3,
      machineQuota: 7,
      endsAt,
    });
    const online = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', online);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const offlineMachine = fakeMachine().machineId;
    const offline = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: offlineMachine,
    });
    if (!offline.ok) throw new Error(JSON.stringify(offline.error));
    return { org, online, offlineMachine, sessionId: session.value.session.id, endsAt };
  };

  it('R16 R9 subscription details count online and offline licenses against the quota', async () => {
    const { org, endsAt } = await kreOrg();
    const details = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kre'), key: org.admin.apiKey },
      subscriptionDetailsSchema,
    );
    expect(details).toMatchObject({
      productId: 'kre',
      licenseKind: 'session',
      subscribed: 3,
      available: 1,
      machineQuota: 7,
      machinesRegistered: 2,
      offlineAllowed: true,
      expiresAt: endsAt.toISOString(),
    });
    const all = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.subscriptions(org.orgId), key: org.owner.apiKey },
      z.array(subscriptionDetailsSchema),
    );
    expect(all.map((d) => d.productId)).toEqual(['kre']);
  });

  it('R16 the Online, Offline and Registered Machines sections list the right machine IDs, paged', async () => {
    const { org, online, offlineMachine, sessionId } = await kreOrg();
    const key = org.admin.apiKey;
    const onlinePage = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.onlineLicenses(org.orgId, 'kre'), key, query: page },
      onlineLicensesPageSchema,
    );
    expect(onlinePage.total).toBe(1);
    expect(onlinePage.items[0]).toMatchObject({
      machineId: online,
      userEmail: org.member.email,
      licenseKind: 'session',
    });
    const offlinePage = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.offlineLicenses(org.orgId, 'kre'), key, query: page },
      offlineLicensesPageSchema,
    );
    expect(offlinePage.items.map((o) => [o.machineId, o.fileName, o.createdBy])).toEqual([
      [offlineMachine, `KRE_${offlineMachine}.lic`, org.admin.email],
    ]);
    const machines = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.machines(org.orgId, 'kre'), key, query: page },
      registeredMachinesPageSchema,
    );
    expect(machines.total).toBe(2);
    const byId = new Map(machines.items.map((m) => [m.machineId, m]));
    expect(byId.get(online)).toMatchObject({ online: true, offline: false, activeSession: { sessionId } });
    expect(byId.get(offlineMachine)).toMatchObject({ online: false, offline: true, activeSession: null });
    const firstOnly = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.onlineLicenses(org.orgId, 'kre'),
        key,
        query: { offset: 1, limit: 1 },
      },
      onlineLicensesPageSchema,
    );
    expect(firstOnly).toEqual({ items: [], total: 1 });
  });

  it('R16 Registered Machines are filtered by a machine-ID fragment in SQL', async () => {
    const { org, online } = await kreOrg();
    const hit = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.machines(org.orgId, 'kre'),
        key: org.admin.apiKey,
        query: { ...page, query: online.slice(2, 9) },
      },
      registeredMachinesPageSchema,
    );
    expect(hit.items.map((m) => m.machineId)).toEqual([online]);
    const miss = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.machines(org.orgId, 'kre'),
        key: org.admin.apiKey,
        query: { ...page, query: 'zz%_no' },
      },
      registeredMachinesPageSchema,
    );
    expect(miss.total).toBe(0);
  });

  it('R16 Licensed Users lists seat holders with when they were assigned', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'testops-full', kind: 'seat', quota: 2 });
    const granted = await grantSeat(
      server.app,
      org.admin.apiKey,
      org.orgId,
      'testops-full',
      org.member.userId,
    );
    expect(granted.ok).toBe(true);
    const users = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.licensedUsers(org.orgId, 'testops-full'),
        key: org.admin.apiKey,
        query: page,
      },
      licensedUsersPageSchema,
    );
    expect(users.total).toBe(1);
    expect(users.items[0]).toMatchObject({
      userId: org.member.userId,
      email: org.member.email,
      lastActiveAt: null,
    });
  });

  it('R23 removing a machine ID frees its license and ends its session with a reason', async () => {
    const { org, online, sessionId } = await kreOrg();
    await expectOk(
      server.app,
      { method: 'DELETE', url: ADMIN_PATHS.machine(org.orgId, 'kre', online), key: org.admin.apiKey },
      doneSchema,
    );
    const session = await server.ctx.db
      .selectFrom('sessions')
      .select(['ended_at', 'end_reason'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.ended_at).not.toBeNull();
    expect(session.end_reason).toMatch(/removed this machine ID/);
    const details = await expectOk(
      server.app,
      { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kre'), key: org.admin.apiKey },
      subscriptionDetailsSchema,
    );
    expect(details.available).toBe(2);
    const beat = await send(server.app, {
      method: 'POST',
      url: HTTP_PATHS.heartbeat(sessionId),
      key: org.member.apiKey,
    });
    expect(beat.status).toBeGreaterThanOrEqual(400);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'machine_id', 'actor_user_id'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'machine.removed')
      .execute();
    expect(events).toEqual([
      { action: 'machine.removed', machine_id: online, actor_user_id: org.admin.userId },
    ]);
  });

  it('R23 R5 a machine bound to an offline license cannot be removed; an unknown one is refused', async () => {
    const { org, offlineMachine } = await kreOrg();
    const offline = await expectRefused(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.machine(org.orgId, 'kre', offlineMachine),
      key: org.admin.apiKey,
    });
    expect(offline.code).toBe('OFFLINE_NOT_REVOCABLE');
    const unknown = await expectRefused(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.machine(org.orgId, 'kre', fakeMachine().machineId),
      key: org.admin.apiKey,
    });
    expect(unknown.code).toBe('UNKNOWN_MACHINE');
  });

  it('R15 a machine of organization B named through organization A is not found and stays active', async () => {
    const a = await kreOrg();
    const b = await kreOrg();
    const refused = await expectRefused(server.app, {
      method: 'DELETE',
      url: ADMIN_PATHS.machine(a.org.orgId, 'kre', b.online),
      key: a.org.admin.apiKey,
    });
    expect(refused.code).toBe('UNKNOWN_MACHINE');
    const bSession = await server.ctx.db
      .selectFrom('sessions')
      .select('ended_at')
      .where('id', '=', b.sessionId)
      .executeTakeFirstOrThrow();
    expect(bSession.ended_at).toBeNull();
  });
});
