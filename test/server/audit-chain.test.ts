import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit } from '../../src-server/repositories/audit';
import { verifyAuditChain } from '../../src-server/services/audit-chain';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';

// The audit log is tamper-evident: TRUNCATE is refused, every event is chained to the one before,
// concurrent writers still form one chain, and `audit verify` names the first edited event.

const run = promisify(execFile);

describe.each(DB_KINDS)('tamper-evident audit log (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('TRUNCATE audit_events is refused', async () => {
    await audit(server.ctx.db, { action: 'test.kept', reason: 'before truncate' });
    await expect(sql`truncate audit_events`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_chain_head`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('concurrent writers still form one intact chain', async () => {
    const before = await server.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.ctx.db
          .transaction()
          .execute((trx) =>
            audit(
              trx,
              { action: 'test.concurrent', details: { i, text: 'ünïcode ＝ "q"' } },
              { action: 'test.pair' },
            ),
          ),
      ),
    );
    const verdict = await verifyAuditChain(server.ctx.db, 7);
    // 40 new events after those the server wrote at start (seeding, trust setup).
    expect(verdict).toMatchObject({ ok: true, events: Number(before.n) + 40 });
  });

  it('an event edited by a superuser with the trigger disabled is named as the first broken one', async () => {
    const target = await server.ctx.db
      .selectFrom('audit_events')
      .select(['id', 'seq'])
      .where('action', '=', 'test.concurrent')
      .orderBy('seq')
      .offset(3)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_events disable trigger audit_events_no_change`.execute(server.ctx.db);
    await sql`update audit_events set reason = 'edited' where id = ${target.id}`.execute(server.ctx.db);
    await sql`alter table audit_events enable trigger audit_events_no_change`.execute(server.ctx.db);
    const verdict = await verifyAuditChain(server.ctx.db);
    expect(verdict).toMatchObject({ ok: false, id: String(target.id), seq: Number(target.seq) });
    if (db === 'postgres') {
      const cli = await run(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', 'audit', 'verify'], {
        env: { ...process.env, DATABASE_URL: server.databaseUrl ?? '' },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(cli.code).toBe(3);
      expect(cli.stderr).toContain(
        `audit event ${target.id} (position ${target.seq}) is the first broken one`,
      );
    }
  });

  it('a removed event is named too', async () => {
    const own = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    try {
      for (let i = 0; i < 5; i += 1) await audit(own.ctx.db, { action: 'test.row', details: { i } });
      await sql`alter table audit_events disable trigger audit_events_no_change`.execute(own.ctx.db);
      await sql`delete from audit_events where seq = 3`.execute(own.ctx.db);
      await sql`alter table audit_events enable trigger audit_events_no_change`.execute(own.ctx.db);
      expect(await verifyAuditChain(own.ctx.db)).toMatchObject({ ok: false, seq: 4 });
    } finally {
      await own.close();
    }
  });
});
