import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../../src-server/db/migrate';
import type { Database } from '../../../src-server/db/schema';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk } from '../api';
import { call } from '../helpers';

// live_machine_counts (migration 20261123T1420) must always equal the distinct machines holding a live
// activation: Subscription Details and the Registered Machines total (R16) read it instead of counting.

const truth = async (db: Kysely<Database>, subscriptionId: string) =>
  (
    await sql<{ n: number }>`select count(distinct machine_ref)::int as n from activations
      where subscription_id = ${subscriptionId} and deactivated_at is null`.execute(db)
  ).rows[0]?.n ?? 0;

const kept = async (db: Kysely<Database>, subscriptionId: string) =>
  (
    await sql<{ n: number }>`select machines as n from live_machine_counts
      where subscription_id = ${subscriptionId}`.execute(db)
  ).rows[0]?.n ?? 0;

describe.each(DB_KINDS)('live machine counts (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const kreOrg = async () => {
    const org = await seedOrg(server.ctx);
    const sub = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 50,
    });
    return { org, sub };
  };
  const expectCount = async (sub: string, n: number) => {
    expect(await truth(server.ctx.db, sub)).toBe(n);
    expect(await kept(server.ctx.db, sub)).toBe(n);
  };

  it('R16 counts a machine once however many users activated it, until its last activation ends', async () => {
    const { org, sub } = await kreOrg();
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    await activateOk(server.app, org.admin.apiKey, 'kre', machine);
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    await expectCount(sub, 2);
    const off = (key: string) =>
      call(server.app, 'DELETE', `/v1/activations/${machine.machineId}?productId=kre`, { key });
    expect((await off(org.member.apiKey)).status).toBe(200);
    await expectCount(sub, 2);
    expect((await off(org.admin.apiKey)).status).toBe(200);
    await expectCount(sub, 1);
  });

  it('stays exact through multi-row inserts, updates, moves and cascading deletes', async () => {
    const { org, sub } = await kreOrg();
    const [a, b, c] = [fakeMachine(), fakeMachine(), fakeMachine()];
    for (const m of [a, b, c]) await activateOk(server.app, org.member.apiKey, 'kre', m);
    await expectCount(sub, 3);
    const d = server.ctx.db;
    const refs = (
      await sql<{
        id: string;
      }>`select id from machines where org_id = ${org.orgId} order by machine_id`.execute(d)
    ).rows.map((r) => r.id);
    const [ra, rb, rc] = refs as [string, string, string];
    await sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
      select ${sub}::uuid, r, u, now() from unnest(array[${ra}::uuid, ${rb}::uuid]) r,
        unnest(array[${org.admin.userId}::uuid, ${org.owner.userId}::uuid]) u`.execute(d);
    await expectCount(sub, 3);
    await sql`update activations set deactivated_at = now() where subscription_id = ${sub} and machine_ref in (${ra}, ${rb})
      and deactivated_at is null`.execute(d);
    await expectCount(sub, 1);
    await sql`update activations set machine_ref = ${ra} where subscription_id = ${sub} and machine_ref = ${rc}`.execute(
      d,
    );
    await expectCount(sub, 1);
    await sql`update activations set deactivated_at = null where subscription_id = ${sub} and machine_ref = ${rb}
      and user_id = ${org.owner.userId}`.execute(d);
    await expectCount(sub, 2);
    await sql`delete from machines where id = ${ra}`.execute(d);
    await expectCount(sub, 1);
    await sql`delete from activations where subscription_id = ${sub}`.execute(d);
    await expectCount(sub, 0);
  });

  it('R23 removing a registered machine from the console takes it out of the count', async () => {
    const { org, sub } = await kreOrg();
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    await activateOk(server.app, org.admin.apiKey, 'kre', machine);
    await expectCount(sub, 1);
    const url = `/v1/orgs/${org.orgId}/products/kre/machines/${machine.machineId}`;
    expect((await call(server.app, 'DELETE', url, { key: org.admin.apiKey })).status).toBe(200);
    await expectCount(sub, 0);
  });

  it('is filled from the activations already there when the migration runs', async () => {
    const own = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    try {
      const org = await seedOrg(own.ctx);
      const sub = await seedSubscription(own.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
      const machine = fakeMachine();
      await activateOk(own.app, org.member.apiKey, 'kre', machine);
      await activateOk(own.app, org.admin.apiKey, 'kre', machine);
      await activateOk(own.app, org.member.apiKey, 'kre', fakeMachine());
      await migrateTo(own.ctx.db, '20261123T1410-session-application');
      await migrateToLatest(own.ctx.db);
      expect(await kept(own.ctx.db, sub)).toBe(2);
    } finally {
      await own.close();
    }
  }, 180_000);
});

describe('live machine counts under concurrent writers (postgres)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('two transactions activating one machine for different users count it once', async () => {
    const org = await seedOrg(server.ctx);
    const sub = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 5,
    });
    const machine = fakeMachine();
    await activateOk(server.app, org.member.apiKey, 'kre', machine);
    await call(server.app, 'DELETE', `/v1/activations/${machine.machineId}?productId=kre`, {
      key: org.member.apiKey,
    });
    const d = server.ctx.db;
    const ref = (await sql<{ id: string }>`select id from machines where org_id = ${org.orgId}`.execute(d))
      .rows[0]?.id;
    const activate = (userId: string) =>
      sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
        values (${sub}, ${ref}, ${userId}, now())`;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstInserted = (): void => undefined;
    const inserted = new Promise<void>((resolve) => {
      firstInserted = resolve;
    });
    const first = d.transaction().execute(async (trx) => {
      await activate(org.admin.userId).execute(trx);
      firstInserted();
      await gate;
    });
    await inserted;
    let secondDone = false;
    const second = d
      .transaction()
      .execute(async (trx) => {
        await activate(org.owner.userId).execute(trx);
      })
      .finally(() => {
        secondDone = true;
      });
    // Let the first commit once the second waits on the counter row it holds (or has finished anyway).
    while (!secondDone) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(d);
      if ((waiting.rows[0]?.n ?? 0) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    release();
    await Promise.all([first, second]);
    expect(await truth(d, sub)).toBe(1);
    expect(await kept(d, sub)).toBe(1);
  });
});
