import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ActivationResponse } from '../../shared/contracts/http/activations';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { call, refusal } from './helpers';

describe.each(DB_KINDS)('activation smoke (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 2, machineQuota: 3 });
  });
  afterAll(() => server.close());

  it('R22 activates KRE and reserves a license for the machine', async () => {
    const res = await call(server.app, 'POST', '/v1/activations', { key: org.member.apiKey, body: { productId: 'kre', machine: fakeMachine() } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = ActivationResponse.parse(res.body);
    expect(body.lease).toContain('BEGIN TESSERA LICENSE');
  });

  it('refuses without a key', async () => {
    const res = await call(server.app, 'POST', '/v1/activations', { body: { productId: 'kre', machine: fakeMachine() } });
    expect(res.status).toBe(401);
    expect(refusal(res.body).code).toBe('UNAUTHENTICATED');
  });
});
