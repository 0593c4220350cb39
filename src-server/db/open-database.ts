import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ensurePrivateDir, tightenTree, usePrivateUmask } from '../private-data-dir';
import { seedDataDir, type DataDirOrigin } from './data-dir-template/seed-data-dir';
import { findShippedTemplate, type TemplateLocation } from './data-dir-template/template-files';
import { KeptPlanPool } from './kept-plan-pool';
import { serializedPgliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/**
 * Where the data lives: an embedded PGlite directory (default; `memory://` for tests) or PostgreSQL.
 * `template`: the data-folder template an empty PGlite folder starts from (default: the one shipped
 * beside the bundle; `null`: none, PGlite's initdb and the migrations). `insideCheckedDir`: the caller
 * has just checked a folder holding this one (ensurePrivateDir walks it all), so it is not walked twice.
 */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string; template?: TemplateLocation | null; insideCheckedDir?: boolean }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** An open database plus a human description for the start banner. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  /** Which engine: PostgreSQL (shared by several processes) or PGlite (one process). */
  readonly kind: DatabaseTarget['kind'];
  readonly description: string;
  /** A PGlite folder's origin at this open: existing, made from the template, or by initdb (and why). */
  readonly origin?: DataDirOrigin;
}

/**
 * PGlite creates its files with explicit mode 0666 (the umask is not enough), so they are made
 * private after opening, every minute while open, and after closing; the folder itself is 0700.
 */
function keepPrivate(client: PGlite, dir: string): void {
  tightenTree(dir);
  const timer = setInterval(() => tightenTree(dir), 60_000);
  timer.unref();
  const close = client.close.bind(client);
  client.close = async () => {
    clearInterval(timer);
    await close();
    tightenTree(dir);
  };
}

/**
 * A PGlite folder's buffer pool: PostgreSQL's default 128 MB is zeroed byte by byte in WebAssembly at
 * every open (most of an open's time on this 2-core machine, BENCHMARKS.md "Start-up"); 32 MB holds a
 * small license database and the OS page cache keeps the rest. Durability settings are untouched.
 */
const FOLDER_START_PARAMS = ['-c', 'shared_buffers=32MB'];

/**
 * V8 re-compiles a WebAssembly function with its optimizing tier once it has run "enough" (the tiering
 * budget). PGlite's start runs many functions just past the default budget, so a start spent a third of
 * PGlite's open CPU optimizing code it then barely used (BENCHMARKS.md "Server start-up, round 4"). A
 * larger budget leaves start-up code on the baseline tier; code a running server keeps hot still tiers
 * up. Set once, before the first folder is opened; in-memory databases (tests, benches) are unchanged.
 */
const WASM_TIERING_FLAG = '--wasm-tiering-budget=100000000';
let wasmTieringSet = false;
const setFolderWasmTiering = (): void => {
  if (wasmTieringSet) return;
  wasmTieringSet = true;
  setFlagsFromString(WASM_TIERING_FLAG);
};

/**
 * PostgreSQL's JIT compiler starts on a statement whose estimated cost passes a threshold; the
 * server's statements are short, and compiling one cost more than running it (the utilization chart:
 * ~130 of 155 ms at the admin bench's shape, BENCHMARKS.md). Off on every connection of the pool,
 * after any options the URL gives.
 */
const NO_JIT = '-c jit=off';

/** Opens the database; PGlite (in a private folder, files 0600) through the serializing dialect, PostgreSQL through a pg Pool. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    const url = new URL(target.url);
    // pg lets a connection string's parameters override the config's, so the URL's options move here.
    const withoutOptions = new URL(url);
    withoutOptions.searchParams.delete('options');
    const pool = new pg.Pool({
      connectionString: withoutOptions.toString(),
      max: target.poolSize ?? 10,
      options: [url.searchParams.get('options'), NO_JIT].filter((o) => o !== null).join(' '),
    });
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new KeptPlanPool(pool) }) }),
      kind: 'postgres',
      description: `PostgreSQL ${url.host}${url.pathname}`,
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  let origin: DataDirOrigin | undefined;
  if (!inMemory) {
    usePrivateUmask();
    origin = seedDataDir(
      target.dataDir,
      target.template === null ? undefined : (target.template ?? findShippedTemplate()),
    );
    if (target.insideCheckedDir !== true || !existsSync(target.dataDir)) ensurePrivateDir(target.dataDir);
    setFolderWasmTiering();
  }
  const client = await PGlite.create(
    inMemory ? undefined : target.dataDir,
    inMemory ? {} : { startParams: [...PGlite.defaultStartParams, ...FOLDER_START_PARAMS] },
  );
  if (!inMemory) keepPrivate(client, target.dataDir);
  return {
    db: new Kysely<Database>({ dialect: serializedPgliteDialect(client) }),
    kind: 'pglite',
    description: inMemory ? 'PGlite in memory' : `PGlite ${target.dataDir}`,
    ...(origin === undefined ? {} : { origin }),
  };
}
