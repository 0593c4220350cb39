import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit, type AuditEvent } from '../../src-server/repositories/audit';
import { verifyAuditChain } from '../../src-server/services/audit-chain';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// The audit chain is advanced once per INSERT statement (migration 20261130T1100-audit-chain-per-statement):
// a batch of events costs one chain-head update, and the chain stays one intact chain across
// statements, rolled-back savepoints and a forged running head.

const events = (n: number, action: string): AuditEvent[] =>
  Array.from({ length: n }, (_, i) => ({ action, machineId: `m-${i}`, details: { sessionId: `s-${i}` } }));

describe.each(DB_KINDS)('audit chain per statement (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    await sql`create table head_writes (n int not null)`.execute(server.ctx.db);
    await sql`create function count_head_write() returns trigger language plpgsql as $$
      begin insert into head_writes values (1); return null; end $$`.execute(server.ctx.db);
    await sql`create trigger count_head_write after update on audit_chain_head
      for each row execute function count_head_write()`.execute(server.ctx.db);
  });
  afterAll(() => server.close());

  const headWrites = async (): Promise<number> =>
    (await sql<{ n: number }>`select count(*)::int as n from head_writes`.execute(server.ctx.db)).rows[0]
      ?.n ?? 0;

  it('R22 a culling batch of 1,000 audit events updates the chain head once, not once per event', async () => {
    const before = await headWrites();
    await server.ctx.db.transaction().execute((trx) => audit(trx, ...events(1000, 'test.batch')));
    expect(await headWrites()).toBe(before + 1);
    expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
  });

  it('several statements in one transaction and a rolled-back savepoint leave one intact chain', async () => {
    const before = await verifyAuditChain(server.ctx.db);
    await server.ctx.db.transaction().execute(async (trx) => {
      await audit(trx, ...events(3, 'test.first'));
      await sql`savepoint half`.execute(trx);
      // The second row breaks NOT NULL after the chain trigger ran for the first: the statement fails.
      await expect(
        sql`insert into audit_events (action) values ('test.lost'), (null)`.execute(trx),
      ).rejects.toThrow();
      await sql`rollback to savepoint half`.execute(trx);
      await audit(trx, ...events(2, 'test.second'));
    });
    const after = await verifyAuditChain(server.ctx.db);
    expect(after).toMatchObject({ ok: true, events: (before.ok ? before.events : 0) + 5 });
  });

  it('a running head set by the caller before the insert is ignored: the chain still links', async () => {
    const head = await server.ctx.db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    await server.ctx.db.transaction().execute(async (trx) => {
      await sql`select set_config('tessera.audit_chain_running', ${`99999:${'f'.repeat(64)}`}, true)`.execute(
        trx,
      );
      await audit(trx, ...events(2, 'test.forged'));
    });
    expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
    const rows = await sql<{ seq: string }>`select seq::text as seq from audit_events
      where action = 'test.forged' order by seq`.execute(server.ctx.db);
    expect(rows.rows.map((r) => Number(r.seq))).toEqual([Number(head.seq) + 1, Number(head.seq) + 2]);
  });
});
