import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveMasterKey } from '../../src-server/keys/master-key';
import { createAccount, createOrganization } from '../../src-server/services/provisioning';
import { seedSubscription } from '../support/seed';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';

const ORDERS = 50;
const SECRET = 'renewal-exactly-once-master-secret';

describe('R29 R30 renewal scheduler: two server processes on one PostgreSQL', () => {
  let seeder: TestServer;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    seeder = await startTestServer({
      db: 'postgres',
      postgresUrl: inject('postgresUrl'),
      masterKey: resolveMasterKey(SECRET, '/nonexistent').key,
    });
    const env = {
      DATABASE_URL: seeder.databaseUrl ?? '',
      TESSERA_MASTER_KEY: SECRET,
      TESSERA_RENEWAL_INTERVAL_SECONDS: '1',
    };
    servers = await Promise.all([spawnServerProcess(env), spawnServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await seeder.close();
  });

  it(`applies each of ${ORDERS} due renewal orders exactly once`, async () => {
    const { db } = seeder.ctx;
    const subs: { orgId: string; subId: string }[] = [];
    for (let i = 0; i < ORDERS; i += 1) {
      const orgId = await createOrganization(db, {
        accountId: await createAccount(db, `R${i}`),
        name: `R${i}`,
      });
      const subId = await seedSubscription(seeder.ctx, orgId, {
        productId: 'kre',
        kind: 'node-locked',
        quota: 2,
        billingCycle: 'monthly',
        endsAt: new Date('2022-06-14T00:00:00Z'),
      });
      subs.push({ orgId, subId });
    }
    await db
      .insertInto('renewal_orders')
      .values(
        subs.map((s) => ({
          subscription_id: s.subId,
          org_id: s.orgId,
          product_id: 'kre',
          ends_at: new Date('2022-07-14T00:00:00Z'),
          quantity: null,
          due_at: new Date('2022-06-14T00:00:00Z'),
          source: 'billing' as const,
          plan: null,
          result_ids: null,
          failure_code: null,
          failure_reason: null,
        })),
      )
      .execute();
    const deadline = Date.now() + 90_000;
    let applied = 0;
    while (Date.now() < deadline) {
      const rows = await db.selectFrom('renewal_orders').select('status').execute();
      applied = rows.filter((r) => r.status === 'applied').length;
      if (applied === ORDERS || rows.some((r) => r.status === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(applied).toBe(ORDERS);
    const events = await db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'subscription.migrated')
      .execute();
    const perOrder = new Map<unknown, number>();
    for (const e of events) perOrder.set(e.details.orderId, (perOrder.get(e.details.orderId) ?? 0) + 1);
    expect(perOrder.size).toBe(ORDERS);
    expect([...perOrder.values()].every((n) => n === 1)).toBe(true);
    const lines = await db
      .selectFrom('subscriptions')
      .select(['org_id', 'license_kind', 'quota'])
      .where('replaced_by', 'is', null)
      .where(
        'org_id',
        'in',
        subs.map((s) => s.orgId),
      )
      .execute();
    expect(lines).toHaveLength(ORDERS);
    expect(lines.every((l) => l.license_kind === 'floating' && l.quota === 2)).toBe(true);
  });
});
