import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { rootChain } from '../support/root-chain';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateRefused, createOffline, grantSeat } from './api';
import { call } from './helpers';

const DAY = 86_400_000;

describe.each(DB_KINDS)('offline licenses (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const org = async (
    productId: string,
    kind: string,
    quota: number,
    extra: { billingCycle?: 'monthly' | 'annual' } = {},
  ) => {
    const seeded = await seedOrg(server.ctx);
    const endsAt = new Date(Date.now() + 100 * DAY);
    await seedSubscription(server.ctx, seeded.orgId, { productId, kind, quota, endsAt, ...extra });
    return { ...seeded, endsAt };
  };

  it('R8 an admin creates KSE_<machineID>.lic; R6 by default it expires with the subscription; R5 it is machine-bound', async () => {
    const o = await org('kse', 'per-user', 2);
    const machine = fakeMachine();
    const res = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: machine.machineId.toLowerCase(),
    });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.fileName).toBe(`KSE_${machine.machineId}.lic`);
    expect(res.value.expiresAt).toBe(o.endsAt.toISOString());
    const verified = await verifyLicense(await rootChain(server.ctx.db), res.value.content, {
      expectedMachineId: machine.machineId,
      expectedProductId: 'kse',
      now: Date.now(),
    });
    expect(verified.ok && verified.value.payload.kind).toBe('offline');
  });

  it('R8 KRE offline files are named KRE_<machineID>.lic', async () => {
    const o = await org('kre', 'session', 2);
    const machine = fakeMachine();
    const res = await createOffline(server.app, o.owner.apiKey, o.orgId, {
      productId: 'kre',
      machineId: machine.machineId,
    });
    expect(res.ok && res.value.fileName).toBe(`KRE_${machine.machineId}.lic`);
  });

  it('R6 accepts an earlier expiry and refuses one after the subscription ends', async () => {
    const o = await org('kse', 'per-user', 5);
    const earlier = new Date(Date.now() + 10 * DAY).toISOString();
    const ok = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      expiresAt: earlier,
    });
    expect(ok.ok && ok.value.expiresAt).toBe(earlier);
    const late = new Date(o.endsAt.getTime() + DAY).toISOString();
    const refused = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      expiresAt: late,
    });
    expect(refused.ok ? 'created' : refused.error.code).toBe('OFFLINE_EXPIRY_TOO_LATE');
    const past = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
      expiresAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(past.ok ? 'created' : past.error.code).toBe('OFFLINE_EXPIRY_IN_PAST');
  });

  it('R5 offline licenses exist only for KSE and KRE', async () => {
    const o = await org('testops-full', 'seat', 2);
    const res = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'testops-full',
      machineId: fakeMachine().machineId,
    });
    expect(res.ok ? 'created' : res.error.code).toBe('OFFLINE_NOT_AVAILABLE');
  });

  it('R8 only an Owner or Admin creates offline licenses; a mistyped machine ID is caught by its check character', async () => {
    const o = await org('kse', 'per-user', 2);
    const member = await createOffline(server.app, o.member.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
    });
    expect(member.ok ? 'created' : [member.status, member.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const id = fakeMachine().machineId;
    const typo = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    const bad = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: typo,
    });
    expect(bad.ok ? 'created' : [bad.status, bad.error.code]).toEqual([400, 'INVALID_MACHINE_ID']);
  });

  it('R9 offline licenses count against the license quota like online ones', async () => {
    const o = await org('kse', 'per-user', 2);
    expect((await grantSeat(server.app, o.owner.apiKey, o.orgId, 'kse', o.member.userId)).ok).toBe(true);
    expect(
      (
        await createOffline(server.app, o.admin.apiKey, o.orgId, {
          productId: 'kse',
          machineId: fakeMachine().machineId,
        })
      ).ok,
    ).toBe(true);
    const over = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
    });
    expect(over.ok ? 'created' : over.error).toMatchObject({
      code: 'LICENSE_QUOTA_EXCEEDED',
      message: 'The number of licenses cannot exceed the license quota.',
    });
    const seat = await grantSeat(server.app, o.owner.apiKey, o.orgId, 'kse', o.admin.userId);
    expect(seat.ok ? 'granted' : seat.error.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R9 a KRE offline license reserves a license, so online activation sees the quota used', async () => {
    const o = await org('kre', 'session', 1);
    expect(
      (
        await createOffline(server.app, o.admin.apiKey, o.orgId, {
          productId: 'kre',
          machineId: fakeMachine().machineId,
        })
      ).ok,
    ).toBe(true);
    const refused = await activateRefused(server.app, o.member.apiKey, 'kre', fakeMachine());
    expect(refused.code).toBe('LICENSE_QUOTA_EXCEEDED');
  });

  it('R10 a monthly node-locked subscription cannot be converted to offline; an annual one can', async () => {
    const monthly = await org('kse', 'node-locked', 2, { billingCycle: 'monthly' });
    const refused = await createOffline(server.app, monthly.admin.apiKey, monthly.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
    });
    expect(refused.ok ? 'created' : refused.error.code).toBe('MONTHLY_NOT_CONVERTIBLE');
    const annual = await org('kse', 'node-locked', 2, { billingCycle: 'annual' });
    expect(
      (
        await createOffline(server.app, annual.admin.apiKey, annual.orgId, {
          productId: 'kse',
          machineId: fakeMachine().machineId,
        })
      ).ok,
    ).toBe(true);
  });

  it('R5 offline licenses have no revoke operation on the server', async () => {
    const o = await org('kse', 'per-user', 2);
    const res = await createOffline(server.app, o.admin.apiKey, o.orgId, {
      productId: 'kse',
      machineId: fakeMachine().machineId,
    });
    if (!res.ok) throw new Error('not created');
    const del = await call(server.app, 'DELETE', `/v1/orgs/${o.orgId}/offline-licenses/${res.value.id}`, {
      key: o.owner.apiKey,
    });
    expect(del.status).toBe(404);
  });
});
