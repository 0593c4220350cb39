import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { buildApp } from '../../src-server/app';
import { migrateToLatest } from '../../src-server/db/migrate';
import { openDatabase, type DatabaseTarget } from '../../src-server/db/open-database';
import { createIssuerSigner, ensureSigningKey } from '../../src-server/keys/signing-keys';
import { ensureTrust } from '../../src-server/keys/trust-setup';
import type { LicensingContext } from '../../src-server/services/context';

/** Which database a test runs against: embedded PGlite (in memory) or the run's PostgreSQL cluster. */
export type DbKind = 'pglite' | 'postgres';

/** Both kinds, for `describe.each(DB_KINDS)`. */
export const DB_KINDS: readonly DbKind[] = ['pglite', 'postgres'];

/** Creates a fresh database on the cluster (one per test file/server) and returns its URL. */
export async function createPostgresDatabase(clusterUrl: string): Promise<string> {
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A running server for tests: the app (for `inject`), its services, and a loopback URL when listening. */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly ctx: LicensingContext;
  readonly url: string | null;
  /** The PostgreSQL URL of this server's database (null on PGlite), for child processes sharing it. */
  readonly databaseUrl: string | null;
  /** Moves the server's clock (ms) without sleeping. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Options of `startTestServer`. */
export interface TestServerOptions {
  readonly db: DbKind;
  /** Required for `postgres`: the cluster URL from `inject('postgresUrl')`, or a ready database URL. */
  readonly postgresUrl?: string;
  readonly freshDatabase?: boolean;
  readonly listen?: boolean;
  readonly sessionTtlSeconds?: number;
  readonly authFailuresPerMinute?: number;
  readonly authFailuresPerAddressPerMinute?: number;
  readonly unauthenticatedPerMinute?: number;
  readonly trustProxy?: boolean | string[];
  /** Master key sealing the signing key; pass one when other processes must sign with the same key. */
  readonly masterKey?: Buffer;
  /** A clock the test drives itself (epoch ms); default: the wall clock moved by `advance`. */
  readonly clock?: () => number;
  /** Receives the server's pino log lines (level trace) when set. */
  readonly logStream?: { write(line: string): void };
}

/** Opens a database, migrates it, makes a signing key and builds the app; `listen` binds 127.0.0.1:0. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  let target: DatabaseTarget = { kind: 'pglite', dataDir: 'memory://' };
  if (options.db === 'postgres') {
    if (options.postgresUrl === undefined)
      throw new Error('startTestServer: postgres needs postgresUrl (inject it).');
    const url =
      options.freshDatabase === false
        ? options.postgresUrl
        : await createPostgresDatabase(options.postgresUrl);
    target = { kind: 'postgres', url };
  }
  const { db } = await openDatabase(target);
  await migrateToLatest(db);
  const masterKey = options.masterKey ?? randomBytes(32);
  await ensureSigningKey(db, masterKey);
  await ensureTrust(db, masterKey);
  let offset = 0;
  const ctx: LicensingContext = {
    db,
    catalog: DEFAULT_CATALOG,
    signer: createIssuerSigner(masterKey),
    config: { sessionTtlSeconds: options.sessionTtlSeconds ?? 120, leaseDays: 7 },
    now: options.clock ?? (() => Date.now() + offset),
  };
  const logger = options.logStream ? { level: 'trace', stream: options.logStream } : false;
  const app = await buildApp({
    ctx,
    logger,
    authFailuresPerMinute: options.authFailuresPerMinute ?? 1000,
    ...(options.authFailuresPerAddressPerMinute !== undefined
      ? { authFailuresPerAddressPerMinute: options.authFailuresPerAddressPerMinute }
      : {}),
    unauthenticatedPerMinute: options.unauthenticatedPerMinute ?? 100_000,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  const url = options.listen === true ? await app.listen({ port: 0, host: '127.0.0.1' }) : null;
  return {
    app,
    ctx,
    url,
    databaseUrl: target.kind === 'postgres' ? target.url : null,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
