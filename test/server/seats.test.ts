import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { SeatResponse } from '../../shared/contracts/http/seats';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, activateRefused, createOffline, grantSeat } from './api';
import { call, refusal } from './helpers';

describe.each(DB_KINDS)('licensed users: grant, remove, transfer (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const kse = async (quota: number) => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota });
    return org;
  };

  it('R16 a grant answers the licensed user as License Management lists them', async () => {
    const org = await kse(1);
    const seat = await grantSeat(server.app, org.admin.apiKey, org.orgId, 'kse', org.member.userId);
    expect(seat.ok && seat.value).toMatchObject({
      userId: org.member.userId,
      email: org.member.email,
      lastActiveAt: null,
    });
  });

  it('R23 removing a licensed user frees the license and ends their session with a reason', async () => {
    const org = await kse(1);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const activation = await activateOk(server.app, org.member.apiKey, 'kse', fakeMachine());
    const removed = await call(server.app, 'DELETE', HTTP_PATHS.seat(org.orgId, org.member.userId, 'kse'), {
      key: org.admin.apiKey,
    });
    expect(removed.body).toEqual({ removed: true });
    const beat = await call(server.app, 'POST', HTTP_PATHS.heartbeat(activation.session?.id ?? ''), {
      key: org.member.apiKey,
    });
    expect(refusal(beat.body).message).toMatch(/license was removed/);
    expect((await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine())).code).toBe(
      'NOT_LICENSED',
    );
    expect((await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.admin.userId)).ok).toBe(true);
    const again = await call(server.app, 'DELETE', HTTP_PATHS.seat(org.orgId, org.member.userId, 'kse'), {
      key: org.admin.apiKey,
    });
    expect(refusal(again.body).code).toBe('NOT_LICENSED');
  });

  it('R24 a transfer moves the license to another member even when the quota is full', async () => {
    const org = await kse(1);
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
    const body = { productId: 'kse', fromUserId: org.member.userId, toUserId: org.admin.userId };
    const moved = await call(server.app, 'POST', HTTP_PATHS.seatTransfer(org.orgId), {
      key: org.owner.apiKey,
      body,
    });
    expect(SeatResponse.parse(moved.body).userId).toBe(org.admin.userId);
    expect((await activateRefused(server.app, org.member.apiKey, 'kse', fakeMachine())).code).toBe(
      'NOT_LICENSED',
    );
    await activateOk(server.app, org.admin.apiKey, 'kse', fakeMachine());
    const toOutsider = await call(server.app, 'POST', HTTP_PATHS.seatTransfer(org.orgId), {
      key: org.owner.apiKey,
      body: { ...body, fromUserId: org.admin.userId, toUserId: org.outsider.userId },
    });
    expect(refusal(toOutsider.body).code).toBe('NOT_A_MEMBER');
    const byMember = await call(server.app, 'POST', HTTP_PATHS.seatTransfer(org.orgId), {
      key: org.member.apiKey,
      body: { ...body, fromUserId: org.admin.userId, toUserId: org.member.userId },
    });
    expect(refusal(byMember.body).code).toBe('FORBIDDEN_ROLE');
  });

  it('R24 an offline license is never transferred', async () => {
    const org = await kse(2);
    await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      userId: org.member.userId,
    });
    const res = await call(server.app, 'POST', HTTP_PATHS.seatTransfer(org.orgId), {
      key: org.owner.apiKey,
      body: { productId: 'kse', fromUserId: org.member.userId, toUserId: org.admin.userId },
    });
    expect([res.status, refusal(res.body).code]).toEqual([409, 'OFFLINE_NOT_TRANSFERABLE']);
  });
});
