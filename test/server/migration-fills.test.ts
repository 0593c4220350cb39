import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as reservationHistory from '../../src-server/db/migrations/20261201T1000-reservation-history';
import * as sessionInside from '../../src-server/db/migrations/20261201T1300-session-inside-reservation';
import * as sessionAlone from '../../src-server/db/migrations/20261201T2200-session-inside-alone';
import type { Database } from '../../src-server/db/schema';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// A database migrated with rows already in it gets what the triggers would have kept: the reserved
// machines' history (migration 20261201T1000-reservation-history fills reservation_changes from the
// activations there are) and the sessions' inside_reservation flag (migration 20261201T1300: a session
// written after its machine's activations takes, from the sessions trigger, whether one activation
// covers it from start to end).

const changes = async (db: Kysely<Database>) =>
  (
    await sql<{ row: string }>`select subscription_id::text || ' ' || (extract(epoch from at) * 1000)::bigint
      || ' ' || d as row from reservation_changes where d <> 0 order by 1`.execute(db)
  ).rows.map((r) => r.row);

describe.each(DB_KINDS)('trigger-kept rows filled by their migrations (%s)', (db) => {
  let server: TestServer;
  let d: Kysely<Database>;
  let org: SeededOrg;
  let sub: string;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    d = server.ctx.db;
    org = await seedOrg(server.ctx);
    sub = await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 });
  });
  afterAll(() => server.close());

  const machine = async (name: string) =>
    (
      await d
        .insertInto('machines')
        .values({ org_id: org.orgId, machine_id: name, component_hashes: '{}', virtualization: 'none' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const activate = (ref: string, user: string, from: string, until: string | null) =>
    sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at, created_at, deactivated_at)
      values (${sub}, ${ref}, ${user}, now() + interval '1 day', ${from}::timestamptz,
        ${until}::timestamptz)`.execute(d);

  it('R22 R25 the fill equals what the triggers kept for reopened, moved, overlapping and backwards activations', async () => {
    const refs = [await machine('fill-0'), await machine('fill-1'), await machine('fill-2')];
    const users = [org.member.userId, org.admin.userId];
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

  it('R22 a session is inside a reservation only when one activation of its line and machine covers it start to end and no flagged session of its machine overlaps it', async () => {
    const [open, closed] = [await machine('inside-open'), await machine('inside-closed')];
    await activate(open, org.member.userId, '2026-01-02T00:00:00Z', null);
    await activate(closed, org.member.userId, '2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z');
    // Written in this order; the flag each takes from the sessions trigger.
    const sessions: [string, string, string | null, boolean][] = [
      [open, '2026-01-03T00:00:00Z', null, true], // still running, reservation open
      [open, '2026-01-02T00:00:00Z', '2026-01-04T00:00:00Z', false], // starts with it, but overlaps the first
      [open, '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z', false], // starts before it
      [closed, '2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', true], // ends with it
      [closed, '2026-01-03T00:00:00Z', '2026-01-06T00:00:00Z', false], // ends after it
      [closed, '2026-01-03T00:00:00Z', null, false], // runs on after it
      [closed, '2026-01-04T00:00:00Z', '2026-01-03T00:00:00Z', false], // ends before it starts
      [closed, '2026-01-02T00:00:00Z', '2026-01-02T12:00:00Z', true], // inside, before the flagged one
    ];
    for (const [ref, from, ended] of sessions)
      await sql`insert into sessions (subscription_id, machine_ref, user_id, started_at, heartbeat_at, ended_at)
        values (${sub}, ${ref}, ${org.member.userId}, ${from}::timestamptz, ${from}::timestamptz,
          ${ended}::timestamptz)`.execute(d);
    const refs = [open, closed];
    const flags = async () =>
      (
        await d
          .selectFrom('sessions')
          .select('inside_reservation')
          .where('machine_ref', 'in', refs)
          .orderBy('started_at')
          .orderBy('machine_ref')
          .orderBy('ended_at')
          .execute()
      ).map((r) => r.inside_reservation);
    const kept = await flags();
    const inOrder = async (inside: (s: (typeof sessions)[number]) => boolean) =>
      (
        await sql<{ inside: boolean }>`select x.inside from (values ${sql.join(
          sessions.map(
            (session) =>
              sql`(${session[0]}::uuid, ${session[1]}::timestamptz, ${session[2]}::timestamptz, ${inside(session)}::boolean)`,
          ),
        )}) x(ref, f, e, inside) order by x.f, x.ref, x.e`.execute(d)
      ).rows.map((r) => r.inside);
    expect(kept).toEqual(await inOrder((s) => s[3]));
    expect(kept.filter(Boolean)).toHaveLength(3);
    // Filled from scratch, without the order they were written in: both of an overlapping pair lose the
    // flag (the first two of `open`); the others keep what the trigger gave them.
    await sessionAlone.down(d as Kysely<unknown>);
    await sessionInside.down(d as Kysely<unknown>);
    await sessionInside.up(d as Kysely<unknown>);
    await sessionAlone.up(d as Kysely<unknown>);
    expect(await flags()).toEqual(await inOrder((s) => s[3] && !(s[0] === open && s[2] === null)));
  });
});
