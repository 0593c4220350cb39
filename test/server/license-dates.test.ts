import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponse } from '../../shared/contracts/http/me';
import { parseLicenseUnverified } from '../../shared/license-file/parse-unverified';
import { createOrganization, createUser, addMember } from '../../src-server/services/provisioning';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { activateOk, createOffline } from './api';
import { call } from './helpers';

const DAY = 86_400_000;

const payloadOf = (text: string) => {
  const parsed = parseLicenseUnverified(text);
  if (!parsed.ok || !parsed.value.payload) throw new Error('not a license file');
  return parsed.value.payload;
};

describe('license dates the agent can name', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite' });
  });
  afterAll(() => server.close());

  it('a lease carries the subscription end beside its own short end, so "Licensed until" is not the lease end', async () => {
    const org = await seedOrg(server.ctx);
    const endsAt = new Date(Date.now() + 200 * DAY);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 2, endsAt });
    const lease = payloadOf((await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).lease);
    expect(lease.kind).toBe('lease');
    expect(lease.subscriptionEndsAt).toBe(endsAt.toISOString());
    expect(Date.parse(lease.expiresAt)).toBeLessThan(endsAt.getTime() - 100 * DAY);
  });

  it('R6 an offline license carries the subscription end it may not outlive', async () => {
    const org = await seedOrg(server.ctx);
    const endsAt = new Date(Date.now() + 90 * DAY);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 2, endsAt });
    const earlier = new Date(Date.now() + 30 * DAY).toISOString();
    const created = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
      expiresAt: earlier,
    });
    if (!created.ok) throw new Error(created.error.message);
    const file = payloadOf(created.value.content);
    expect(file.expiresAt).toBe(earlier);
    expect(file.subscriptionEndsAt).toBe(endsAt.toISOString());
  });

  it('R13 GET /v1/me lists the products subscribed by the caller’s organizations or their ancestors, not the catalog', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'floating', quota: 2 });
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'testops-full',
      kind: 'seat',
      quota: 2,
      endsAt: new Date(Date.now() - DAY),
    });
    const child = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'QA Team',
      parentId: org.orgId,
    });
    const inChild = await createUser(server.ctx.db, {
      email: `child-${Date.now()}@example.test`,
      name: 'Kim',
    });
    await addMember(server.ctx.db, { orgId: child, userId: inChild.userId, role: 'member' });

    const meOf = async (key: string) =>
      MeResponse.parse((await call(server.app, 'GET', '/v1/me', { key })).body);
    expect((await meOf(org.member.apiKey)).subscribedProducts).toEqual(['kre']);
    expect((await meOf(inChild.apiKey)).subscribedProducts).toEqual(['kre']);
    expect((await meOf(org.outsider.apiKey)).subscribedProducts).toEqual([]);
  });
});
