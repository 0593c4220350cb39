import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-server/config';
import { migrateDown, migrateToLatest, schemaIsCurrent } from '../../src-server/db/migrate';
import { serializedPgliteDialect } from '../../src-server/db/pglite-dialect';
import type { Database } from '../../src-server/db/schema';
import { MasterKeyMismatchError } from '../../src-server/keys/key-unsealing';
import { seal, unseal, unsealAsync } from '../../src-server/keys/master-key';
import { startServer } from '../../src-server/server';

// What a start does on a folder it made before is kept small (BENCHMARKS.md, "Start-up"): one look at
// the migration table when the schema is current, the master-key check off the main thread, values
// this process sealed opened without a second derivation — and none of it weakens a check.

/** A PGlite database in memory whose Kysely counts every statement it sends. */
async function countingDb(): Promise<{ db: Kysely<Database>; statements: string[] }> {
  const statements: string[] = [];
  const db = new Kysely<Database>({
    dialect: serializedPgliteDialect(await PGlite.create()),
    log: (event) => {
      statements.push(event.query.sql);
    },
  });
  return { db, statements };
}

describe('migrations at start', () => {
  it('a start on a current schema only reads the migration table (no DDL, no migration lock)', async () => {
    const { db, statements } = await countingDb();
    await migrateToLatest(db);
    statements.length = 0;
    expect(await migrateToLatest(db)).toEqual([]);
    expect(statements).toHaveLength(2);
    expect(statements.every((text) => /^\s*select\b/i.test(text))).toBe(true);
    await db.destroy();
  }, 300_000);

  it('a pending migration is still applied, and an unknown one is still refused', async () => {
    const { db } = await countingDb();
    await migrateToLatest(db);
    await migrateDown(db);
    expect(await schemaIsCurrent(db)).toBe(false);
    expect((await migrateToLatest(db)).length).toBe(1);
    expect(await schemaIsCurrent(db)).toBe(true);
    await sql`insert into kysely_migration (name, timestamp) values ('29990101T0000-from-a-newer-build', '2999-01-01')`.execute(
      db,
    );
    expect(await schemaIsCurrent(db)).toBe(false);
    await expect(migrateToLatest(db)).rejects.toThrow(/29990101T0000-from-a-newer-build/);
    await db.destroy();
  }, 300_000);
});

describe('sealed keys at start', () => {
  it('a value sealed in this process opens with the same master key, sync or on the thread pool, and never with another', async () => {
    const right = Buffer.alloc(32, 1);
    const wrong = Buffer.alloc(32, 2);
    const sealed = seal(right, 'MC4CAQAwBQYDK2Vw-secret');
    expect(unseal(right, sealed)).toBe('MC4CAQAwBQYDK2Vw-secret');
    expect(await unsealAsync(right, sealed)).toBe('MC4CAQAwBQYDK2Vw-secret');
    expect(() => unseal(wrong, sealed)).toThrow();
    await expect(unsealAsync(wrong, sealed)).rejects.toThrow();
    // An altered value is refused even though the original was opened before.
    const parts = sealed.split('.');
    const altered = [...parts.slice(0, 4), Buffer.from('tampered').toString('base64')].join('.');
    await expect(unsealAsync(right, altered)).rejects.toThrow();
  }, 60_000);
});

describe('server start on an existing PGlite folder', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-startup-'));
    const first = await startServer(
      loadConfig(
        {
          TESSERA_DATA_DIR: dataDir,
          TESSERA_LOG_LEVEL: 'silent',
          TESSERA_MASTER_KEY: 'first operator secret',
        },
        { port: 0 },
      ),
    );
    await first.close();
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses another master key before listening, leaves the folder free for the right one, which opens with a 32 MB buffer pool', async () => {
    const config = (secret: string) =>
      loadConfig(
        { TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent', TESSERA_MASTER_KEY: secret },
        { port: 0 },
      );
    await expect(startServer(config('another operator secret'))).rejects.toBeInstanceOf(
      MasterKeyMismatchError,
    );
    const again = await startServer(config('first operator secret'));
    expect(again.banner[0]).toMatch(/listening on http:/);
    // A folder's buffer pool is 32 MB (zeroed at every open), not PostgreSQL's 128 MB.
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(again.db);
    expect(rows[0]?.shared_buffers).toBe('32MB');
    await again.close();
  }, 300_000);
});
