import fc from 'fast-check';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src-server/db/schema';
import { machineRows, type UsageLine } from '../../src-server/repositories/line-units';
import { machineLicenseCount } from '../../src-server/repositories/machine-license-count';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// The count the quota checks read under the subscription lock (machine-license-count.ts: live sessions
// plus held machine IDs running none, reservations from the trigger-kept live_machine_counts) must equal
// the per-holder rows License Management's breakdown, the organization tree and the CSV sum
// (line-units.ts `machineRows`: max(held, sessions) per machine ID), after any sequence of writes,
// including moves of activations between machines (the sessions' on_reservation flag follows them) and
// several sessions on one machine (of which at most one, of those overlapping, is flagged inside its
// reservation).

const MACHINES = 4;
const STRAY = MACHINES; // an offline file for a machine ID the organization has never activated

type Op =
  | { op: 'activate'; m: number; u: number }
  | { op: 'deactivate'; m: number }
  | { op: 'delete-activations'; m: number }
  | { op: 'move-activations'; m: number; to: number }
  | { op: 'session'; m: number; u: number; stale: boolean }
  | { op: 'end-sessions'; m: number }
  | { op: 'offline'; m: number; expired: boolean }
  | { op: 'delete-offline'; m: number };

const machine = fc.nat(MACHINES - 1);
const user = fc.nat(1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('activate' as const), m: machine, u: user }),
  fc.record({ op: fc.constant('deactivate' as const), m: machine }),
  fc.record({ op: fc.constant('delete-activations' as const), m: machine }),
  fc.record({ op: fc.constant('move-activations' as const), m: machine, to: machine }),
  fc.record({ op: fc.constant('session' as const), m: machine, u: user, stale: fc.boolean() }),
  fc.record({ op: fc.constant('end-sessions' as const), m: machine }),
  fc.record({ op: fc.constant('offline' as const), m: fc.nat(MACHINES), expired: fc.boolean() }),
  fc.record({ op: fc.constant('delete-offline' as const), m: fc.nat(MACHINES) }),
);

const one = async (db: Kysely<Database>, q: RawBuilder<unknown>) =>
  (await sql<{ n: number }>`select (${q})::int as n`.execute(db)).rows[0]?.n;

describe.each(DB_KINDS)('machine license count (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  let sub: string;
  let run = 0;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    sub = await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 });
  });
  afterAll(() => server.close());

  const flaggedOverlaps = sql`select count(*) from sessions a join sessions b
    on b.subscription_id = a.subscription_id and b.machine_ref = a.machine_ref and b.id > a.id
    where a.inside_reservation and b.inside_reservation
      and (a.ended_at is null or a.ended_at >= b.started_at) and (b.ended_at is null or b.ended_at >= a.started_at)`;

  /** Applies one write the way the services do (rows of the subscription, triggers firing). */
  async function apply(d: Kysely<Database>, refs: readonly string[], ids: readonly string[], o: Op) {
    const users = [org.member.userId, org.admin.userId];
    const ttl = server.ctx.config.sessionTtlSeconds;
    if (o.op === 'activate')
      await sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
        values (${sub}, ${refs[o.m]}, ${users[o.u]}, now() + interval '1 day')
        on conflict (subscription_id, machine_ref, user_id) where deactivated_at is null do nothing`.execute(
        d,
      );
    if (o.op === 'deactivate')
      await sql`update activations set deactivated_at = now() where subscription_id = ${sub}
        and machine_ref = ${refs[o.m]} and deactivated_at is null`.execute(d);
    if (o.op === 'delete-activations')
      await sql`delete from activations where subscription_id = ${sub} and machine_ref = ${refs[o.m]}`.execute(
        d,
      );
    if (o.op === 'move-activations')
      await sql`update activations set machine_ref = ${refs[o.to]} where subscription_id = ${sub}
        and machine_ref = ${refs[o.m]} and deactivated_at is null and not exists (select 1 from activations b
          where b.subscription_id = ${sub} and b.machine_ref = ${refs[o.to]} and b.deactivated_at is null)`.execute(
        d,
      );
    if (o.op === 'session')
      await sql`insert into sessions (subscription_id, machine_ref, user_id, heartbeat_at)
        values (${sub}, ${refs[o.m]}, ${users[o.u]}, now() - make_interval(secs => ${o.stale ? ttl * 3 : 0}))`.execute(
        d,
      );
    if (o.op === 'end-sessions')
      await sql`update sessions set ended_at = now() where subscription_id = ${sub}
        and machine_ref = ${refs[o.m]} and ended_at is null`.execute(d);
    if (o.op === 'offline')
      await sql`insert into offline_licenses (subscription_id, org_id, product_id, machine_id, user_id,
          created_by, file_name, content, expires_at)
        values (${sub}, ${org.orgId}, 'kre', ${ids[o.m]}, ${org.member.userId}, ${org.admin.userId}, 'f', 'c',
          now() + interval '1 day' * ${o.expired ? -1 : 1})`.execute(d);
    if (o.op === 'delete-offline')
      await sql`delete from offline_licenses where subscription_id = ${sub} and machine_id = ${ids[o.m]}`.execute(
        d,
      );
  }

  it('R9 R21 R22 R25 R26 the kept count equals the sum of max(held, sessions) per machine ID after any writes', async () => {
    const d = server.ctx.db;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        for (const t of ['sessions', 'activations', 'offline_licenses'] as const)
          await d.deleteFrom(t).where('subscription_id', '=', sub).execute();
        const ids = Array.from({ length: MACHINES + 1 }, (_, i) => `run${run}-m${i}`);
        const refs: string[] = [];
        for (const machineId of ids.slice(0, MACHINES)) {
          const row = await d
            .insertInto('machines')
            .values({
              org_id: org.orgId,
              machine_id: machineId,
              component_hashes: '{}',
              virtualization: 'none',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          refs.push(row.id);
        }
        expect(ids[STRAY]).toBeDefined();
        for (const o of ops) {
          await apply(d, refs, ids, o);
          // What the chart's question relies on (migration 20261201T2200): no two overlapping sessions
          // of one machine both flagged inside a reservation.
          expect(await one(d, flaggedOverlaps)).toBe(0);
          const now = Date.now();
          const ttl = server.ctx.config.sessionTtlSeconds;
          for (const reservesMachines of [true, false]) {
            const line: UsageLine = { id: sub, kind: 'session', reservesMachines };
            const rows = sql`select coalesce(sum(u.units), 0) from (${machineRows(line, now, ttl)}) u`;
            expect(await one(d, machineLicenseCount(line, now, ttl))).toBe(await one(d, rows));
          }
        }
      }),
      {
        numRuns: 30,
        // Always tried: a second session on a reserved machine while its first runs.
        examples: [
          [
            [
              { op: 'activate', m: 1, u: 0 },
              { op: 'session', m: 1, u: 0, stale: false },
              { op: 'session', m: 1, u: 1, stale: false },
            ],
          ],
        ],
      },
    );
  });
});
