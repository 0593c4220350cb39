import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as reservationHistory from '../../src-server/db/migrations/20261201T1000-reservation-history';
import type { Database } from '../../src-server/db/schema';
import { seedOrg, seedSubscription } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// A database migrated with activations already in it gets the reserved machines' history its
// triggers would have kept (migration 20261201T1000-reservation-history fills reservation_changes
// from the activations there are): the fill and the triggers give the same rows.

const changes = async (db: Kysely<Database>) =>
  (
    await sql<{ row: string }>`select subscription_id::text || ' ' || (extract(epoch from at) * 1000)::bigint
      || ' ' || d as row from reservation_changes where d <> 0 order by 1`.execute(db)
  ).rows.map((r) => r.row);

describe.each(DB_KINDS)('reservation history filled by the migration (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('R22 R25 the fill equals what the triggers kept for reopened, moved, overlapping and backwards activations', async () => {
    const d = server.ctx.db;
    const org = await seedOrg(server.ctx);
    const sub = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'session',
      quota: 50,
    });
    const refs: string[] = [];
    for (const m of [0, 1, 2])
      refs.push(
        (
          await d
            .insertInto('machines')
            .values({
              org_id: org.orgId,
              machine_id: `fill-${m}`,
              component_hashes: '{}',
              virtualization: 'none',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const users = [org.member.userId, org.admin.userId];
    const activate = (ref: string, user: string, from: string, until: string | null) =>
      sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at, created_at, deactivated_at)
        values (${sub}, ${ref}, ${user}, now() + interval '1 day', ${from}::timestamptz,
          ${until}::timestamptz)`.execute(d);
    await activate(refs[0] ?? '', users[0] ?? '', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z');
    await activate(refs[0] ?? '', users[1] ?? '', '2026-01-02T00:00:00Z', null);
    await activate(refs[1] ?? '', users[0] ?? '', '2026-01-02T12:00:00.0005Z', '2026-01-04T00:00:00Z');
    await activate(refs[2] ?? '', users[0] ?? '', '2026-01-05T00:00:00Z', '2026-01-01T00:00:00Z');
    await sql`update activations set deactivated_at = '2026-01-06T00:00:00Z' where machine_ref = ${refs[0] ?? ''}
      and deactivated_at is null`.execute(d);
    await sql`update activations set machine_ref = ${refs[2] ?? ''} where machine_ref = ${refs[1] ?? ''}`.execute(
      d,
    );
    const kept = await changes(d);
    expect(kept.length).toBeGreaterThan(0);
    await reservationHistory.down(d as Kysely<unknown>);
    await reservationHistory.up(d as Kysely<unknown>);
    expect(await changes(d)).toEqual(kept);
  });
});
