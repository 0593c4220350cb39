import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { registeredMachinesPageSchema } from '../../../shared/contracts/ipc-admin-licenses';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, createOffline } from '../api';
import { expectOk, expectRefused } from './admin-kit';

// Registered Machines read on by keyset (`next` → `after`) and jump by last-seen time (`seenAtOrBefore`),
// so a page deep in 100,000 machines costs what the first page does; it must list exactly the rows offset
// paging lists, in the same order. Deep offsets (O(offset) by construction) are refused.

describe.each(DB_KINDS)('Registered Machines keyset paging (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const machinesOrg = async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 20 });
    for (let i = 0; i < 6; i += 1) await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine());
    // Four machines seen at the same instant: ties are broken by machine ID.
    await sql`update machines set last_seen_at = '2026-01-02T03:04:05.678901Z'
      where id in (select id from machines where org_id = ${org.orgId} order by machine_id limit 4)`.execute(
      server.ctx.db,
    );
    const offline = await createOffline(server.app, org.admin.apiKey, org.orgId, {
      productId: 'kre',
      machineId: fakeMachine().machineId,
    });
    if (!offline.ok) throw new Error(JSON.stringify(offline.error));
    const read = (query: Record<string, string | number | undefined>) =>
      expectOk(
        server.app,
        { method: 'GET', url: ADMIN_PATHS.machines(org.orgId, 'kre'), key: org.admin.apiKey, query },
        registeredMachinesPageSchema,
      );
    return { org, read };
  };

  it('R16 pages read with `after` list the same machines in the same order as offset pages', async () => {
    const { read } = await machinesOrg();
    const all = await read({ offset: 0, limit: 50 });
    expect(all.total).toBe(7);
    expect(all.next).toBeNull();
    const walked: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await read({ offset: 0, limit: 2, after });
      expect(page.total).toBe(7);
      walked.push(...page.items.map((m) => m.machineId));
      if (page.next === null || page.next === undefined) break;
      after = page.next;
    }
    expect(walked).toEqual(all.items.map((m) => m.machineId));
    const skipped = await read({
      offset: 1,
      limit: 2,
      after: (await read({ offset: 0, limit: 2 })).next ?? '',
    });
    expect(skipped.items.map((m) => m.machineId)).toEqual(walked.slice(3, 5));
  });

  it('R16 the search matches the e-mail of the user who activated a machine', async () => {
    const { org, read } = await machinesOrg();
    const hit = await read({ offset: 0, limit: 50, query: org.member.email.slice(0, 12) });
    expect(hit.total).toBe(6);
    expect(hit.items.every((m) => m.online && m.userEmail === org.member.email)).toBe(true);
  });

  it('R16 a jump by last-seen time starts at the first machine seen at or before it, in page order', async () => {
    const { read } = await machinesOrg();
    const all = (await read({ offset: 0, limit: 50 })).items;
    const tied = all.filter((m) => m.lastSeenAt === '2026-01-02T03:04:05.678Z');
    expect(tied).toHaveLength(4);
    const jumped = await read({ offset: 0, limit: 3, seenAtOrBefore: '2026-01-02T03:04:05.679Z' });
    expect(jumped.total).toBe(7);
    expect(jumped.items.map((m) => m.machineId)).toEqual(tied.slice(0, 3).map((m) => m.machineId));
    const on = await read({ offset: 0, limit: 3, after: jumped.next ?? '' });
    expect(on.items[0]?.machineId).toBe(tied[3]?.machineId);
    const none = await read({ offset: 0, limit: 3, seenAtOrBefore: '2026-01-01T00:00:00.000Z' });
    expect(none.items).toEqual([]);
    expect(none.next).toBeNull();
  });

  it('R16 refuses an offset past 1,000 with a typed error that names the keyset reads, and lists nothing', async () => {
    const { org } = await machinesOrg();
    const refused = await expectRefused(server.app, {
      method: 'GET',
      url: ADMIN_PATHS.machines(org.orgId, 'kre'),
      key: org.admin.apiKey,
      query: { offset: 50_000, limit: 50 },
    });
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toMatch(/seenAtOrBefore/);
  });

  it('refuses a cursor that is not one it handed out', async () => {
    const { org } = await machinesOrg();
    const refused = await expectRefused(server.app, {
      method: 'GET',
      url: ADMIN_PATHS.machines(org.orgId, 'kre'),
      key: org.admin.apiKey,
      query: { offset: 0, limit: 2, after: Buffer.from('yesterday').toString('base64url') },
    });
    expect(refused.code).toBe('VALIDATION_FAILED');
  });
});
