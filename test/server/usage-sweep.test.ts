import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bucketUse, concurrentUse, type UseSpan } from '../../shared/domain/concurrent-use';
import { bucketStarts } from '../../shared/domain/local-buckets';
import type { Database } from '../../src-server/db/schema';
import type { UsageLine } from '../../src-server/repositories/line-units';
import { sweepUsage } from '../../src-server/repositories/usage-sweep';
import { useSpans, type SpanRange } from '../../src-server/repositories/use-spans';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// The utilization chart's SQL sweep (usage-sweep.ts) must give what shared/domain/concurrent-use.ts
// `concurrentUse` gives from the loaded spans (use-spans.ts), for any history: spans open before the
// range, still running, timed out; holds and sessions on the same machine ID; two lines sharing machine
// IDs; instants shared by many events, on bucket edges, a microsecond apart; local buckets across
// daylight-saving changes; and bucket starts that repeat or pass the end.

const MACHINES = 4;
const Q = 15 * 60_000; // the grid of instants, so events collide and land on bucket edges
const GRID = 4 * 96; // four days of quarter hours
const BASES = [Date.UTC(2026, 2, 27), Date.UTC(2026, 9, 23), Date.UTC(2026, 9, 31)]; // DST in Europe, US
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];

/** An instant in µs from the base: a grid point, nudged by 0, 1 µs, 999 µs or 1 ms. */
const instant = fc.tuple(fc.nat(GRID), fc.constantFrom(0, 1, 999, 1000)).map(([q, us]) => q * Q * 1000 + us);
const end = fc.option(instant, { nil: null, freq: 3 });
const machine = fc.nat(MACHINES - 1);
const line = fc.nat(1);

interface History {
  activations: {
    line: number;
    m: number;
    u: number;
    from: number;
    until: number | null;
    /** Rewritten after its insert and back, so the kept reservation history sees updates too. */
    wiggle: 'none' | 'reopen' | 'move';
  }[];
  sessions: { line: number; m: number; from: number; ended: number | null; heartbeat: number }[];
  offline: { line: number; m: number; from: number; until: number }[];
  /**
   * Activations written open from before every session, the sessions written, then each activation
   * given its start and its end (one UPDATE each) and rewritten: the triggers that keep the sessions'
   * inside_reservation flag see reservations shrink, move and go under sessions already written.
   */
  late: boolean;
  /** Reservations open from before every session, deleted after the sessions are written (with `late`). */
  ghosts: { line: number; m: number }[];
}

const history: fc.Arbitrary<History> = fc.record({
  activations: fc.array(
    fc.record({
      line,
      m: machine,
      u: fc.nat(1),
      from: instant,
      until: end,
      wiggle: fc.constantFrom('none' as const, 'reopen' as const, 'move' as const),
    }),
    { maxLength: 8 },
  ),
  sessions: fc.array(fc.record({ line, m: machine, from: instant, ended: end, heartbeat: instant }), {
    maxLength: 14,
  }),
  offline: fc.array(fc.record({ line, m: fc.nat(MACHINES), from: instant, until: instant }), {
    maxLength: 4,
  }),
  late: fc.boolean(),
  ghosts: fc.array(fc.record({ line, m: machine }), { maxLength: 2 }),
});

/** A timestamptz exactly `us` microseconds after `base`, so no float rounding decides the millisecond. */
const at = (base: number, us: number) =>
  sql`(${new Date(base).toISOString()}::timestamptz + (${String(us)}::bigint * interval '1 microsecond'))`;

describe.each(DB_KINDS)('utilization sweep in SQL (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  let subs: string[];
  let refs: string[];
  let run = 0;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    subs = [
      await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 }),
      await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 }),
    ];
    refs = [];
    for (let m = 0; m < MACHINES; m++) {
      const row = await server.ctx.db
        .insertInto('machines')
        .values({
          org_id: org.orgId,
          machine_id: `sweep-m${m}`,
          component_hashes: '{}',
          virtualization: 'none',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      refs.push(row.id);
    }
  });
  afterAll(() => server.close());

  /**
   * Rewrites an activation and puts it back (reopened then ended again, or moved to another machine and
   * back), each step one UPDATE, where the live-activation index allows it: the final rows are the
   * history's, reached through the update triggers that keep the reservation history.
   */
  async function wiggle(d: Kysely<Database>, id: string, how: 'reopen' | 'move') {
    const free = (ref: RawBuilder<unknown>) => sql`not exists (select 1 from activations b
      where b.subscription_id = a.subscription_id and b.machine_ref = ${ref} and b.user_id = a.user_id
        and b.deactivated_at is null and b.id <> a.id)`;
    if (how === 'reopen') {
      // The end as text: a JavaScript Date would drop its microseconds.
      const was = await sql<{ until: string | null }>`select deactivated_at::text as until from activations
        where id = ${id}`.execute(d);
      const until = was.rows[0]?.until ?? null;
      if (until === null) return;
      const reopened = await sql`update activations a set deactivated_at = null
        where a.id = ${id} and ${free(sql`a.machine_ref`)} returning id`.execute(d);
      if (reopened.rows.length === 0) return;
      await sql`update activations set deactivated_at = ${until}::timestamptz where id = ${id}`.execute(d);
      return;
    }
    const other = refs[(refs.indexOf(await refOf(d, id)) + 1) % refs.length] ?? '';
    const moved = await sql`update activations a set machine_ref = ${other}
      where a.id = ${id} and (a.deactivated_at is not null or ${free(sql`${other}::uuid`)}) returning id`.execute(
      d,
    );
    if (moved.rows.length === 0) return;
    await sql`update activations set machine_ref = ${refs[(refs.indexOf(other) + refs.length - 1) % refs.length] ?? ''}
      where id = ${id}`.execute(d);
  }

  const refOf = async (d: Kysely<Database>, id: string) =>
    (await sql<{ ref: string }>`select machine_ref::text as ref from activations where id = ${id}`.execute(d))
      .rows[0]?.ref ?? '';

  /** Replaces the lines' rows by the history. */
  async function write(d: Kysely<Database>, base: number, h: History) {
    const users = [org.member.userId, org.admin.userId];
    for (const t of ['sessions', 'activations', 'offline_licenses'] as const)
      await d.deleteFrom(t).where('subscription_id', 'in', subs).execute();
    const insert = async (
      a: { line: number; m: number; u: number },
      from: RawBuilder<unknown>,
      until: unknown,
    ) =>
      (
        await sql<{ id: string }>`insert into activations (subscription_id, machine_ref, user_id,
            lease_expires_at, created_at, deactivated_at)
          values (${subs[a.line]}, ${refs[a.m]}, ${users[a.u]}, now() + interval '1 day', ${from}, ${until})
          on conflict (subscription_id, machine_ref, user_id) where deactivated_at is null do nothing
          returning id`.execute(d)
      ).rows[0]?.id;
    const early = at(base, -86_400_000_000);
    const finals: { id: string; a: History['activations'][number] }[] = [];
    for (const a of h.activations) {
      const until = a.until === null ? null : at(base, a.until);
      const open = h.late ? await insert(a, early, null) : undefined;
      if (open !== undefined) {
        finals.push({ id: open, a });
        continue;
      }
      const id = await insert(a, at(base, a.from), until);
      if (id !== undefined && a.wiggle !== 'none') await wiggle(d, id, a.wiggle);
    }
    const ghosts: string[] = [];
    for (const g of h.late ? h.ghosts : []) {
      const id = await insert({ ...g, u: 1 }, early, null);
      if (id !== undefined) ghosts.push(id);
    }
    await writeSessions(d, base, h);
    for (const { id, a } of finals) {
      await sql`update activations set created_at = ${at(base, a.from)} where id = ${id}`.execute(d);
      if (a.until !== null)
        await sql`update activations set deactivated_at = ${at(base, a.until)} where id = ${id}`.execute(d);
      if (a.wiggle !== 'none') await wiggle(d, id, a.wiggle);
    }
    if (ghosts.length > 0) await d.deleteFrom('activations').where('id', 'in', ghosts).execute();
  }

  /** The history's sessions and offline files. */
  async function writeSessions(d: Kysely<Database>, base: number, h: History) {
    const users = [org.member.userId, org.admin.userId];
    for (const s of h.sessions)
      await sql`insert into sessions (subscription_id, machine_ref, user_id, started_at, heartbeat_at, ended_at)
        values (${subs[s.line]}, ${refs[s.m]}, ${users[0]}, ${at(base, s.from)}, ${at(base, s.heartbeat)},
          ${s.ended === null ? null : at(base, s.ended)})`.execute(d);
    for (const o of h.offline)
      await sql`insert into offline_licenses (subscription_id, org_id, product_id, machine_id, user_id,
          created_by, file_name, content, created_at, expires_at)
        values (${subs[o.line]}, ${org.orgId}, 'kre', ${`sweep-m${o.m}`}, ${users[0]}, ${users[1]}, 'f', 'c',
          ${at(base, o.from)}, ${at(base, o.until)})`.execute(d);
  }

  /** Both paths over the same rows: the SQL sweep ended by `bucketUse`, and `concurrentUse` of the loaded spans. */
  async function both(lines: UsageLine[], starts: number[], to: number, now: number) {
    const d = server.ctx.db;
    const ttlSeconds = server.ctx.config.sessionTtlSeconds;
    const swept = await sweepUsage(d, lines, { starts, end: to, now, ttlSeconds });
    const sqlPath = swept.map((b, i) => bucketUse({ ...b, until: Math.min(starts[i + 1] ?? to, to) }));
    const range = { from: starts[0] ?? to, to, now, ttlSeconds };
    const spans = (await Promise.all(lines.map((l) => useSpans(d, l, range)))).flat();
    const reference = concurrentUse(spans, starts, to);
    // use-spans.ts keys a machine by its row of the line's organization; keyed by the machine ID
    // itself (the text the rules name), the same spans must give the same use.
    const byMachineId = (await Promise.all(lines.map((l) => spansByMachineId(d, l, range)))).flat();
    expect(concurrentUse(byMachineId, starts, to)).toEqual(reference);
    return { sqlPath, reference };
  }

  /**
   * useSpans with every key turned back into the machine ID text it stands for: a machine row's id, or
   * the uuid use-spans.ts makes of an ID without one (md5 of "machine:" and the ID). Keys that name the
   * same machine ID two ways would merge here and change the use, failing the equivalence above.
   */
  async function spansByMachineId(
    d: Kysely<Database>,
    line: UsageLine,
    range: SpanRange,
  ): Promise<UseSpan[]> {
    const rows = await sql<{ id: string; machine_id: string }>`select id::text, machine_id from machines
      where org_id = ${org.orgId}`.execute(d);
    const md5Uuid = (text: string) =>
      createHash('md5')
        .update(text)
        .digest('hex')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const idOf = new Map<string, string>();
    for (let m = 0; m <= MACHINES; m++) idOf.set(md5Uuid(`machine:sweep-m${m}`), `sweep-m${m}`);
    for (const r of rows.rows) idOf.set(r.id, r.machine_id);
    const prefix = `${line.id}/`;
    return (await useSpans(d, line, range)).map((s) => {
      const id = idOf.get(s.key.slice(prefix.length));
      if (id === undefined) throw new Error(`span key ${s.key} names no machine ID`);
      return { ...s, key: prefix + id };
    });
  }

  const lineSet = fc.constantFrom([true, false], [true, true], [false, true], [true]);

  it('R9 R21 R22 the SQL sweep equals concurrentUse over local hour and day buckets, any history', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES),
        history,
        fc.record({
          from: instant,
          length: fc.integer({ min: 1, max: GRID * Q * 1000 }),
          size: fc.constantFrom('hour' as const, 'day' as const),
          timeZone: fc.constantFrom(...ZONES),
          now: instant,
        }),
        lineSet,
        async (base, h, r, reserves) => {
          run++;
          await write(server.ctx.db, base, h);
          const ms = (us: number) => base + Math.floor(us / 1000);
          const [from, to] = [ms(r.from), ms(r.from + r.length)];
          fc.pre(from < to);
          const starts = bucketStarts({ from, to, size: r.size, timeZone: r.timeZone }, 200);
          const lines = reserves.map((rm, i) => ({
            id: subs[i] ?? '',
            kind: 'session' as const,
            reservesMachines: rm,
          }));
          const { sqlPath, reference } = await both(lines, starts, to, ms(r.now));
          expect(sqlPath).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
    expect(run).toBeGreaterThan(0);
  });

  it('R21 the SQL sweep equals concurrentUse for zero-length buckets, repeated starts and starts past the end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES),
        history,
        fc.array(fc.nat(GRID), { minLength: 1, maxLength: 12 }),
        fc.nat(GRID),
        instant,
        lineSet,
        async (base, h, qs, endQ, now, reserves) => {
          await write(server.ctx.db, base, h);
          const starts = [...qs].sort((a, b) => a - b).map((q) => base + q * Q);
          const lines = reserves.map((rm, i) => ({
            id: subs[i] ?? '',
            kind: 'session' as const,
            reservesMachines: rm,
          }));
          const { sqlPath, reference } = await both(
            lines,
            starts,
            base + endQ * Q,
            base + Math.floor(now / 1000),
          );
          expect(sqlPath).toEqual(reference);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('R22 a bucket starting at the end counts no reservation that ended exactly there (kept history cut at the end)', async () => {
    const base = BASES[0] ?? 0;
    await write(server.ctx.db, base, {
      activations: [{ line: 0, m: 0, u: 0, from: 0, until: Q * 1000, wiggle: 'none' }],
      sessions: [],
      offline: [],
      late: false,
      ghosts: [],
    });
    const lines = [{ id: subs[0] ?? '', kind: 'session' as const, reservesMachines: true }];
    const { sqlPath, reference } = await both(lines, [base + Q], base + Q, base);
    expect(reference[0]?.peak).toBe(0);
    expect(sqlPath).toEqual(reference);
  });
});
