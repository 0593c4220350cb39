import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { Header, type HeaderData } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-server/config';
import { makeDataDirTemplate } from '../../src-server/db/data-dir-template/make-template';
import { seedDataDir } from '../../src-server/db/data-dir-template/seed-data-dir';
import { unpackClusterArchive } from '../../src-server/db/data-dir-template/template-archive';
import {
  checkTemplate,
  findShippedTemplate,
  installedPgliteVersion,
  TEMPLATE_ARCHIVE,
  TEMPLATE_MANIFEST,
} from '../../src-server/db/data-dir-template/template-files';
import { migrateToLatest, migrationNames } from '../../src-server/db/migrate';
import { openDatabase } from '../../src-server/db/open-database';
import type { Database } from '../../src-server/db/schema';
import { startServer } from '../../src-server/server';

// A fresh PGlite folder starts from a cluster made at build time (initdb + this build's migrations,
// no keys) instead of running initdb (BENCHMARKS.md "Server start-up, round 4"). These run real PGlite.

/** Everything the schema is made of, as sorted text: columns, constraints, indexes, triggers, functions, migrations. */
async function schemaListing(db: Kysely<Database>): Promise<string[]> {
  const queries = [
    sql<{
      line: string;
    }>`select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as line
      from information_schema.columns where table_schema = 'public'`,
    sql<{
      line: string;
    }>`select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
      from pg_constraint where connamespace = 'public'::regnamespace`,
    sql<{ line: string }>`select indexdef as line from pg_indexes where schemaname = 'public'`,
    sql<{ line: string }>`select tgrelid::regclass::text || ' ' || pg_get_triggerdef(oid) as line
      from pg_trigger where not tgisinternal`,
    sql<{
      line: string;
    }>`select proname || ' ' || md5(prosrc) as line from pg_proc where pronamespace = 'public'::regnamespace`,
    sql<{ line: string }>`select 'migration ' || name as line from kysely_migration`,
  ];
  const lines: string[] = [];
  for (const query of queries) lines.push(...(await query.execute(db)).rows.map((row) => row.line));
  return lines.sort();
}

let work: string;
let template: { dir: string };
let reference: string[];
let referenceOrigin: unknown;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-template-test-'));
  template = { dir: join(work, 'template') };
  await makeDataDirTemplate(template.dir);
  // The from-scratch reference is also the fallback: a template made with another PGlite is not used.
  const otherPglite = { dir: join(work, 'other-pglite') };
  cpSync(template.dir, otherPglite.dir, { recursive: true });
  const manifestPath = join(otherPglite.dir, TEMPLATE_MANIFEST);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, pglite: '0.0.1' }));
  const scratch = await openDatabase({
    kind: 'pglite',
    dataDir: join(work, 'scratch'),
    template: otherPglite,
  });
  referenceOrigin = scratch.origin;
  await migrateToLatest(scratch.db);
  reference = await schemaListing(scratch.db);
  await scratch.db.destroy();
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('data-folder template', () => {
  it('records the installed PGlite version and this build’s migrations', () => {
    const manifest = JSON.parse(readFileSync(join(template.dir, TEMPLATE_MANIFEST), 'utf8')) as {
      pglite: string;
      migrations: string[];
    };
    expect(manifest.pglite).toBe(installedPgliteVersion());
    expect(manifest.migrations).toEqual(migrationNames());
  });

  it('a template made with another PGlite version is not used: initdb and the migrations run as before', () => {
    expect(referenceOrigin).toEqual({ kind: 'initdb', reason: expect.stringMatching(/PGlite 0\.0\.1/) });
    expect(reference.some((line) => line.startsWith('migration '))).toBe(true);
  });

  it('a fresh folder opened from the template has exactly the schema of one migrated from scratch, and no keys', async () => {
    const opened = await openDatabase({ kind: 'pglite', dataDir: join(work, 'from-template'), template });
    try {
      expect(opened.origin).toEqual({ kind: 'template' });
      expect(await migrateToLatest(opened.db)).toEqual([]);
      expect(await schemaListing(opened.db)).toEqual(reference);
      const keys = await sql<{ n: number }>`select (select count(*) from signing_keys)::int
        + (select count(*) from root_keys)::int + (select count(*) from revocation_lists)::int as n`.execute(
        opened.db,
      );
      expect(keys.rows[0]?.n).toBe(0);
    } finally {
      await opened.db.destroy();
    }
  }, 300_000);

  it('two installations started from the template each make their own master key, root and signing key', async () => {
    const started: { root: string; signing: string[]; master: string }[] = [];
    for (const name of ['install-a', 'install-b']) {
      const dataDir = join(work, name);
      mkdirSync(dataDir, { mode: 0o700 });
      const seeded = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pgdata'), template });
      expect(seeded.origin).toEqual({ kind: 'template' });
      await seeded.db.destroy();
      const server = await startServer(
        loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'silent' }, { port: 0 }),
      );
      try {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        const keys = await server.db.selectFrom('signing_keys').select(['public_key']).execute();
        const root = await server.db.selectFrom('root_keys').select('public_key').executeTakeFirstOrThrow();
        started.push({
          root: root.public_key,
          signing: keys.map((k) => k.public_key),
          master: readFileSync(join(dataDir, 'master.key'), 'hex'),
        });
      } finally {
        await server.close();
      }
    }
    const [a, b] = started;
    expect(a?.signing.length).toBe(1);
    expect(b?.signing.length).toBe(1);
    expect(a?.root).not.toBe(b?.root);
    expect(a?.signing[0]).not.toBe(b?.signing[0]);
    expect(a?.master).not.toBe(b?.master);
  }, 300_000);

  it('a folder that holds anything is never seeded, and a corrupt or mismatched template is refused', () => {
    const busy = join(work, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'note.txt'), 'mine');
    expect(seedDataDir(busy, template)).toEqual({ kind: 'initdb', reason: 'folder not empty' });
    expect(readdirSync(busy)).toEqual(['note.txt']);

    expect(
      checkTemplate(template, { pglite: installedPgliteVersion(), migrations: ['20990101T0000-x'] }),
    ).toEqual({
      ok: false,
      reason: 'made with other migrations',
    });
    const corrupt = { dir: join(work, 'corrupt') };
    cpSync(template.dir, corrupt.dir, { recursive: true });
    const archive = readFileSync(join(corrupt.dir, TEMPLATE_ARCHIVE));
    archive[archive.length >> 1] = (archive[archive.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(join(corrupt.dir, TEMPLATE_ARCHIVE), archive);
    const fresh = join(work, 'fresh-corrupt');
    expect(seedDataDir(fresh, corrupt)).toEqual({
      kind: 'initdb',
      reason: 'archive does not match its manifest',
    });
    expect(existsSync(fresh)).toBe(false);
    expect(seedDataDir(join(work, 'fresh-missing'), { dir: join(work, 'nowhere') }).kind).toBe('initdb');
  });

  it('the template archive cannot write outside the folder, and a truncated one leaves nothing', () => {
    const block = (h: HeaderData) => {
      const b = Buffer.alloc(512);
      new Header(h).encode(b);
      return b;
    };
    const file = (path: string, text: string) => {
      const data = Buffer.from(text);
      const meta = { path, mode: 0o644, size: data.length, type: 'File' as const, mtime: new Date(0) };
      return [block(meta), data, Buffer.alloc((512 - (data.length % 512)) % 512)];
    };
    const link = (path: string, linkpath: string, type: 'SymbolicLink' | 'Link') => [
      block({ path, linkpath, type, mode: 0o777, size: 0, mtime: new Date(0) }),
    ];
    const archive = (...parts: Buffer[][]) => gzipSync(Buffer.concat([...parts.flat(), Buffer.alloc(1024)]));
    const outside = join(work, 'escaped');
    const hostile: Record<string, Buffer> = {
      'a .. part': archive(file('PG_VERSION', '17'), file('../escaped', 'x')),
      'an absolute path': archive(file('PG_VERSION', '17'), file(outside, 'x')),
      'a symbolic link out': archive(
        file('PG_VERSION', '17'),
        link('up', '..', 'SymbolicLink'),
        file('up/escaped', 'x'),
      ),
      'a hard link to an absolute path': archive(
        file('PG_VERSION', '17'),
        link('passwd', '/etc/passwd', 'Link'),
      ),
      'no cluster': archive(file('base/1/x', 'y')),
    };
    for (const [name, bytes] of Object.entries(hostile)) {
      const box = join(work, 'hostile', name.replace(/\W+/g, '-'));
      mkdirSync(join(box, 'into'), { recursive: true });
      expect(() => unpackClusterArchive(bytes, join(box, 'into')), name).toThrow();
      expect(readdirSync(box), name).toEqual(['into']);
    }
    expect(existsSync(outside)).toBe(false);

    const good = join(work, 'hostile', 'good');
    mkdirSync(good, { recursive: true });
    unpackClusterArchive(archive(file('PG_VERSION', '17'), file('base/1/x', 'y')), good);
    expect(readFileSync(join(good, 'base', '1', 'x'), 'utf8')).toBe('y');

    // A template whose archive is cut short (digest made to match) falls back to initdb and leaves no folder.
    const cut = { dir: join(work, 'cut') };
    cpSync(template.dir, cut.dir, { recursive: true });
    const whole = readFileSync(join(cut.dir, TEMPLATE_ARCHIVE));
    const short = gzipSync(gunzipSync(whole).subarray(0, 4096 + 700));
    writeFileSync(join(cut.dir, TEMPLATE_ARCHIVE), short);
    const manifest = JSON.parse(readFileSync(join(cut.dir, TEMPLATE_MANIFEST), 'utf8')) as Record<
      string,
      unknown
    >;
    const sha256 = createHash('sha256').update(short).digest('hex');
    writeFileSync(
      join(cut.dir, TEMPLATE_MANIFEST),
      JSON.stringify({ ...manifest, sha256, bytes: short.length }),
    );
    const fresh = join(work, 'fresh-cut');
    expect(seedDataDir(fresh, cut)).toEqual({ kind: 'initdb', reason: expect.stringMatching(/truncated/i) });
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(work).filter((n) => n.includes('seeding'))).toEqual([]);
  });

  it('a bundle finds the template in dist/server/ (beside it or from the CLI and desktop bundles); sources never do', () => {
    const dist = join(work, 'dist');
    mkdirSync(join(dist, 'server'), { recursive: true });
    mkdirSync(join(dist, 'cli', 'chunks'), { recursive: true });
    writeFileSync(join(dist, 'server', TEMPLATE_MANIFEST), '{}');
    const expected = { dir: join(dist, 'server') };
    expect(findShippedTemplate(pathToFileURL(join(dist, 'server', 'tessera-server.mjs')).href)).toEqual(
      expected,
    );
    expect(findShippedTemplate(pathToFileURL(join(dist, 'cli', 'chunks', 'server-x.mjs')).href)).toEqual(
      expected,
    );
    expect(findShippedTemplate(pathToFileURL(join(dist, 'main', 'main.js')).href)).toEqual(expected);
    expect(findShippedTemplate(pathToFileURL(join(work, 'src-server', 'db', 'x.ts')).href)).toBeUndefined();
  });
});
