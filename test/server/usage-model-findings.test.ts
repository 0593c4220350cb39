import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { SubscriptionDetailsView } from '../../shared/contracts/http/admin-licenses';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { expectOk } from './admin/admin-kit';
import { activateOk, activateRefused, checkoutSession, createOffline } from './api';

// Cases the usage model (test/server/model/) shrank to, kept as plain scenarios.
describe.each(DB_KINDS)('usage model findings (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const kre = async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 2,
      machineQuota: 3,
    });
    const details = () =>
      expectOk(
        server.app,
        { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kre'), key: org.owner.apiKey },
        SubscriptionDetailsView,
      );
    return { org, details };
  };

  it('R9 R21 refuses a KRE offline license while running sessions already use every license', async () => {
    const { org } = await kre();
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
    expect((await checkoutSession(server.app, org.member.apiKey, 'kre', machine)).ok).toBe(true);
    const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    expect(offline.ok ? 'created' : offline.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R9 R22 one machine with an offline license and an online reservation uses one KRE license everywhere', async () => {
    const { org, details } = await kre();
    const both = fakeMachine();
    const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kre',
      machineId: both.machineId,
    });
    expect(offline.ok).toBe(true);
    await activateOk(server.app, org.member.apiKey, 'kre', both);
    expect(await details()).toMatchObject({ subscribed: 2, used: 1, available: 1, machinesRegistered: 1 });
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    expect(await details()).toMatchObject({ used: 2, available: 0 });
    const third = await activateRefused(server.app, org.member.apiKey, 'kre', fakeMachine());
    expect(third.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R9 R22 an offline file for a machine that already holds its KRE reservation takes no second license', async () => {
    const { org, details } = await kre();
    const first = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', first);
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kre',
      machineId: first.machineId,
    });
    expect(offline.ok ? 'created' : offline.error.code).toBe('created');
    expect(await details()).toMatchObject({ used: 2, available: 0 });
  });
});
