import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CATALOG } from '../shared/catalog/default-catalog';
import { parseCatalog } from '../shared/catalog/find-product';
import type { Catalog } from '../shared/catalog/product';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { lockDataDir, type DataDirLock } from './db/data-dir-lock';
import { migrateToLatest } from './db/migrate';
import { withStartupLock } from './db/startup-lock';
import { openDatabase, type OpenDatabase } from './db/open-database';
import { startRenewalScheduler } from './jobs/renewal-scheduler';
import { startSessionCuller } from './jobs/session-culler';
import {
  assertActiveKeyUnseals,
  beginActiveKeyCheck,
  resealLegacyKeys,
  type ActiveKeyCheck,
} from './keys/key-unsealing';
import { resolveMasterKey } from './keys/master-key';
import { createIssuerSigner } from './keys/signing-keys';
import { ensureTrust } from './keys/trust-setup';
import { publishPublicRoot } from './keys/publish-root';
import { OperatorError } from './operator/explain-error';
import { ensurePrivateDir } from './private-data-dir';
import type { LicensingContext } from './services/context';

/** Reads the configured catalog file (TESSERA_CATALOG, through the config schema) when set, else the seeds' default catalog (R4). */
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
      : { kind: 'pglite', dataDir: join(config.dataDir, 'pgdata'), insideCheckedDir: true },
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

/** The banner's word on a PGlite folder made at this start (from the build's template, or by initdb). */
const originNote = (origin: OpenDatabase['origin']): string =>
  origin?.kind === 'template'
    ? ' (created now from the template shipped with this build)'
    : origin?.kind === 'initdb'
      ? origin.reason === 'no template'
        ? ' (created now)'
        : ` (created now; the template shipped with this build was not used: ${origin.reason})`
      : '';

/** One process per PGlite folder: takes the folder, or says which process has it and what to do. */
async function holdDataDir(config: ServerConfig): Promise<DataDirLock | undefined> {
  if (config.databaseUrl !== undefined) return undefined;
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const taken = await lockDataDir(config.dataDir, 'server');
  if (taken.ok) return taken.lock;
  throw new OperatorError(
    'DATA_DIR_IN_USE',
    `Another Tessera process (${taken.holder.pid > 0 ? `pid ${taken.holder.pid}, ` : ''}${taken.holder.purpose}) is using ${config.dataDir}; stop it first, or start this server with another --data-dir or on PostgreSQL (DATABASE_URL).`,
  );
}

/** A running server, as `serve` and the agent's `tessera server` command use it. */
export interface RunningServer {
  readonly app: FastifyInstance;
  /** The server's database, for operator commands it carries out over its operator channel. */
  readonly db: OpenDatabase['db'];
  readonly url: string;
  readonly banner: string[];
  /** The server's public root, also published in its data folder for evaluation builds of the agent. */
  readonly root: { kid: string; publicKey: string; name: string } | undefined;
  close(): Promise<void>;
}

/** Starts everything: database, signing key, HTTP app, session culler, renewal scheduler; prints nothing itself. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const lock = await holdDataDir(config);
  const master = resolveMasterKey(config.masterKey, config.dataDir);
  let ensured: Awaited<ReturnType<typeof ensureTrust>> | undefined;
  let keyCheck: ActiveKeyCheck | undefined;
  const started = await (async () => {
    // Migrations, re-sealing and the root / first signing key run under the start-up lock. The
    // active key's master-key check (one scrypt derivation) starts first and runs on the thread pool
    // meanwhile; it is awaited before the server listens.
    const opened = await openConfiguredDatabase(config, async (db) => {
      keyCheck = await beginActiveKeyCheck(db, master.key);
      await resealLegacyKeys(db, master.key);
      ensured = await ensureTrust(db, master.key);
    });
    try {
      // The trust set-up may have made the active key (sealed by this process: no derivation).
      if (ensured !== undefined && ensured.activeKid !== keyCheck?.kid)
        await assertActiveKeyUnseals(opened.db, master.key);
    } catch (error) {
      await opened.db.destroy();
      throw error;
    }
    return opened;
  })().catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const { db, description, origin } = started;
  if (ensured === undefined) throw new Error('The trust setup did not run at start.');
  const trust = ensured;
  const ctx: LicensingContext = {
    db,
    catalog: loadCatalog(config.catalogPath),
    signer: createIssuerSigner(master.key),
    config,
    now: Date.now,
  };
  const [published, app] = await Promise.all([
    publishPublicRoot(db, config.dataDir),
    buildApp({
      ctx,
      logger: { level: config.logLevel },
      bodyLimitBytes: config.bodyLimitBytes,
      authFailuresPerMinute: config.authFailuresPerMinute,
      authFailuresPerAddressPerMinute: config.authFailuresPerAddressPerMinute,
      unauthenticatedPerMinute: config.unauthenticatedPerMinute,
      trustProxy: config.trustProxy,
      apiKeyCacheSeconds: config.apiKeyCacheSeconds,
    }),
  ]).catch(async (error: unknown) => {
    await db.destroy();
    await lock?.release();
    throw error;
  });
  const mismatch = await keyCheck?.done;
  if (mismatch !== undefined) {
    await app.close();
    await db.destroy();
    await lock?.release();
    throw mismatch;
  }
  const stopCuller = startSessionCuller(db, config.sessionTtlSeconds, app.log);
  const stopRenewals = startRenewalScheduler(db, ctx.catalog, config.renewalIntervalSeconds, app.log);
  const url = await app.listen({ port: config.port, host: config.host });
  const accounts = await db.selectFrom('accounts').select('id').limit(1).execute();
  const banner = [
    `Tessera license server listening on ${url} (API docs: ${url}/docs)`,
    `Data directory: ${config.dataDir}${existsSync(join(config.dataDir, 'master.key')) && !config.masterKey ? ' (master.key here encrypts the signing key)' : ''}`,
    `Database: ${description}${originNote(origin)}; signing key ${trust.activeKid}${trust.rotated ? ' (created now)' : ''}; master key from ${master.source}`,
    `Root key ${trust.rootKid}${trust.rootCreated ? ' (created now: export it for the agent build with `root export-public`)' : ''}`,
    ...(accounts.length === 0
      ? [
          'No accounts yet. Create the first owner (account, organization, owner and API key) in one step:',
          `  npm run server -- ${config.databaseUrl === undefined ? '' : '--database-url <same URL> '}init --account "Acme" --email owner@acme.test`,
          ...(config.databaseUrl === undefined
            ? ['  (this server holds its data folder; operator commands are carried out by it while it runs)']
            : []),
        ]
      : []),
  ];
  let closing: Promise<void> | undefined;
  return {
    app,
    db,
    url,
    banner,
    root: published?.roots[0],
    close: () => {
      closing ??= (async () => {
        stopCuller();
        stopRenewals();
        await app.close();
        await db.destroy();
        await lock?.release();
      })();
      return closing;
    },
  };
}
