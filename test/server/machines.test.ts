import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deriveMachineId } from '../../shared/machine-id/derive-machine-id';
import { hashComponent } from '../../shared/machine-id/normalize-component';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk } from './api';

describe.each(DB_KINDS)('machine registration (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('R21 a machine whose disk was replaced is recognized as the same machine and takes no second license', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 1,
      machineQuota: 1,
    });
    const before = fakeMachine();
    const first = await activateOk(server.app, org.member.apiKey, 'kre', before);
    const componentHashes = {
      ...before.componentHashes,
      systemUuid: hashComponent('systemUuid', 'new-board-uuid'),
    };
    const changedId = deriveMachineId(componentHashes, 'tester', 'linux');
    if (!changedId.ok) throw new Error(changedId.error.message);
    expect(changedId.value).not.toBe(before.machineId);
    const after = await activateOk(server.app, org.member.apiKey, 'kre', {
      ...before,
      componentHashes,
      machineId: changedId.value,
    });
    expect(after.activationId).toBe(first.activationId);
    expect(after.machineId).toBe(changedId.value);
    const machines = await server.ctx.db
      .selectFrom('machines')
      .select('machine_id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(machines).toEqual([{ machine_id: changedId.value }]);
  });

  it('R11 another OS user on the same hardware is another machine', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 5,
      machineQuota: 5,
    });
    const alice = fakeMachine({ osUser: 'alice' });
    const bobId = deriveMachineId(alice.componentHashes, 'bob', 'linux');
    if (!bobId.ok) throw new Error(bobId.error.message);
    const bob = { ...alice, machineId: bobId.value, osUserHash: hashComponent('osMachineId', 'user-bob') };
    const a = await activateOk(server.app, org.member.apiKey, 'kre', alice);
    const b = await activateOk(server.app, org.member.apiKey, 'kre', bob);
    expect(a.activationId).not.toBe(b.activationId);
  });

  it('registers one machine once when two products activate it at the same moment', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'testcloud-desktop-browser',
      kind: 'session',
      quota: 5,
    });
    const machine = fakeMachine();
    const [a, b] = await Promise.all([
      activateOk(server.app, org.member.apiKey, 'kre', machine),
      activateOk(server.app, org.member.apiKey, 'testcloud-desktop-browser', machine),
    ]);
    expect([a.machineId, b.machineId]).toEqual([machine.machineId, machine.machineId]);
    const rows = await server.ctx.db
      .selectFrom('machines')
      .select('id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
