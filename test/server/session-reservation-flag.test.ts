import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src-server/db/schema';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';

// sessions.on_reservation (migration 20261201T0900) is what the machine-license count reads for "is
// this live machine also reserved"; sessions.inside_reservation (migration 20261201T1300) is what the
// utilization chart reads for "this session ran inside a reservation" (and, since migration
// 20261201T2200, that no other flagged session of its machine overlaps it). Their triggers lock the
// subscription row first, so a session and a reservation written by two transactions at once cannot
// leave a flag stale: the later writer waits for the earlier one's commit and then sees its row.
// PostgreSQL only: PGlite has one connection, so its transactions never overlap.

const flagsOf = async (db: Kysely<Database>, sessionId: string) =>
  await db
    .selectFrom('sessions')
    .select(['on_reservation', 'inside_reservation'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();

describe('sessions.on_reservation and inside_reservation with concurrent writers (postgres)', () => {
  let server: TestServer;
  let org: SeededOrg;
  let sub: string;
  let machine = 0;
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    sub = await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 50 });
  });
  afterAll(() => server.close());

  const newMachine = async (): Promise<string> => {
    machine += 1;
    const row = await server.ctx.db
      .insertInto('machines')
      .values({
        org_id: org.orgId,
        machine_id: `flag-${machine}`,
        component_hashes: '{}',
        virtualization: 'none',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const activate = (db: Kysely<Database>, ref: string) =>
    sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
      values (${sub}, ${ref}, ${org.member.userId}, now() + interval '1 day')`.execute(db);
  const startSession = async (db: Kysely<Database>, ref: string): Promise<string> => {
    const row = await sql<{
      id: string;
    }>`insert into sessions (subscription_id, machine_ref, user_id, heartbeat_at)
      values (${sub}, ${ref}, ${org.member.userId}, now()) returning id`.execute(db);
    const id = row.rows[0]?.id;
    if (id === undefined) throw new Error('no session row');
    return id;
  };

  /** Runs `first` in a transaction held open while `second` starts on another connection, then commits. */
  async function overlapping<T>(
    first: (trx: Kysely<Database>) => Promise<T>,
    second: () => Promise<unknown>,
  ): Promise<T> {
    let wrote!: (value: T) => void;
    const written = new Promise<T>((resolve) => (wrote = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = server.ctx.db.transaction().execute(async (trx) => {
      wrote(await first(trx));
      await held;
    });
    const value = await written;
    const later = second();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([tx, later]);
    return value;
  }

  it('R22 a reservation ended while a session on its machine is being opened leaves the session unreserved', async () => {
    const ref = await newMachine();
    await activate(server.ctx.db, ref);
    const session = await overlapping(
      (trx) => startSession(trx, ref),
      () =>
        sql`update activations set deactivated_at = now() where subscription_id = ${sub}
          and machine_ref = ${ref}`.execute(server.ctx.db),
    );
    expect(await flagsOf(server.ctx.db, session)).toEqual({
      on_reservation: false,
      inside_reservation: false,
    });
  });

  it('R22 a session opened while its machine is being reserved is marked reserved', async () => {
    const ref = await newMachine();
    let session = '';
    await overlapping(
      (trx) => activate(trx, ref),
      async () => {
        session = await startSession(server.ctx.db, ref);
      },
    );
    expect(await flagsOf(server.ctx.db, session)).toEqual({ on_reservation: true, inside_reservation: true });
  });

  it('R22 a session ended after its reservation, while that reservation is being ended, is no longer inside it', async () => {
    const ref = await newMachine();
    await activate(server.ctx.db, ref);
    const session = await startSession(server.ctx.db, ref);
    expect((await flagsOf(server.ctx.db, session)).inside_reservation).toBe(true);
    await overlapping(
      (trx) =>
        sql`update sessions set ended_at = now() + interval '1 hour' where id = ${session}`.execute(trx),
      () =>
        sql`update activations set deactivated_at = now() where subscription_id = ${sub}
          and machine_ref = ${ref}`.execute(server.ctx.db),
    );
    expect((await flagsOf(server.ctx.db, session)).inside_reservation).toBe(false);
  });

  it('R22 a session ended before its reservation is ended stays inside it', async () => {
    const ref = await newMachine();
    await activate(server.ctx.db, ref);
    const session = await startSession(server.ctx.db, ref);
    await sql`update sessions set ended_at = now() where id = ${session}`.execute(server.ctx.db);
    await sql`update activations set deactivated_at = now() where subscription_id = ${sub}
      and machine_ref = ${ref}`.execute(server.ctx.db);
    expect((await flagsOf(server.ctx.db, session)).inside_reservation).toBe(true);
  });

  it('R22 two sessions of one reserved machine opened at once never both count as inside the reservation', async () => {
    const ref = await newMachine();
    await activate(server.ctx.db, ref);
    let second = '';
    const first = await overlapping(
      (trx) => startSession(trx, ref),
      async () => {
        second = await startSession(server.ctx.db, ref);
      },
    );
    // The later writer waited for the earlier one's commit, then saw its flagged session overlapping.
    expect((await flagsOf(server.ctx.db, first)).inside_reservation).toBe(true);
    expect((await flagsOf(server.ctx.db, second)).inside_reservation).toBe(false);
  });
});
