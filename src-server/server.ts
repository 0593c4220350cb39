import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CATALOG } from '../shared/catalog/default-catalog';
import { parseCatalog } from '../shared/catalog/find-product';
import type { Catalog } from '../shared/catalog/product';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { withStartupLock } from './db/startup-lock';
import { openDatabase, type OpenDatabase } from './db/open-database';
import { startSessionCuller } from './jobs/session-culler';
import { assertActiveKeyUnseals, resealLegacyKeys } from './keys/key-unsealing';
import { resolveMasterKey } from './keys/master-key';
import { createIssuerSigner, ensureSigningKey } from './keys/signing-keys';
import { ensurePrivateDir } from './private-data-dir';
import type { LicensingContext } from './services/context';

/** Reads TESSERA_CATALOG (a catalog JSON file) when set, else the seeds' default catalog (R4). */
export function loadCatalog(path: string | undefined): Catalog {
  if (path === undefined) return DEFAULT_CATALOG;
  const parsed = parseCatalog(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/**
 * Opens and migrates the configured database (PostgreSQL when DATABASE_URL is set, else PGlite in
 * the private data dir); migrations and `prepare` run under the start-up lock (one process at a time).
 */
export async function openConfiguredDatabase(
  config: ServerConfig,
  prepare?: (db: OpenDatabase['db']) => Promise<void>,
): Promise<OpenDatabase> {
  ensurePrivateDir(config.dataDir);
  const opened = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'pgdata') },
  );
  try {
    await withStartupLock(opened.db, opened.kind, async () => {
      await migrateToLatest(opened.db);
      await prepare?.(opened.db);
    });
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return opened;
}

/** A running server, as `serve` and the agent's `tessera server` command use it. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly banner: string[];
  close(): Promise<void>;
}

/** Starts everything: database, signing key, HTTP app, session culler; prints nothing itself. */
export async function startServer(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer> {
  const master = resolveMasterKey(config.masterKey, config.dataDir);
  let key = { kid: '', created: false };
  const { db, description } = await openConfiguredDatabase(config, async (opened) => {
    await resealLegacyKeys(opened, master.key);
    key = await ensureSigningKey(opened, master.key);
  });
  try {
    await assertActiveKeyUnseals(db, master.key);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const ctx: LicensingContext = {
    db,
    catalog: loadCatalog(env.TESSERA_CATALOG),
    signer: createIssuerSigner(master.key),
    config,
    now: Date.now,
  };
  const app = await buildApp({
    ctx,
    logger: { level: config.logLevel },
    bodyLimitBytes: config.bodyLimitBytes,
    authFailuresPerMinute: config.authFailuresPerMinute,
    authFailuresPerAddressPerMinute: config.authFailuresPerAddressPerMinute,
    unauthenticatedPerMinute: config.unauthenticatedPerMinute,
    trustProxy: config.trustProxy,
  });
  const stopCuller = startSessionCuller(db, config.sessionTtlSeconds, app.log);
  const url = await app.listen({ port: config.port, host: config.host });
  const accounts = await db.selectFrom('accounts').select('id').limit(1).execute();
  const banner = [
    `Tessera license server listening on ${url} (API docs: ${url}/docs)`,
    `Data directory: ${config.dataDir}${existsSync(join(config.dataDir, 'master.key')) && !config.masterKey ? ' (master.key here encrypts the signing key)' : ''}`,
    `Database: ${description}; signing key ${key.kid}${key.created ? ' (created now)' : ''}; master key from ${master.source}`,
    ...(accounts.length === 0
      ? [
          'No accounts yet. Create the first owner:',
          '  npm run server -- account create "Acme"',
          '  npm run server -- org create --account <accountId> --name "Acme QA"',
          '  npm run server -- user create --email owner@acme.test --name Owner --org <orgId> --role owner',
        ]
      : []),
  ];
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    banner,
    close: () => {
      closing ??= (async () => {
        stopCuller();
        await app.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}
