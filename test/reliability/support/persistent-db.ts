import { join } from 'node:path';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { migrateToLatest } from '../../../src-server/db/migrate';
import { openDatabase, type DatabaseTarget } from '../../../src-server/db/open-database';
import { resolveMasterKey } from '../../../src-server/keys/master-key';
import { createIssuerSigner } from '../../../src-server/keys/signing-keys';
import type { LicensingContext } from '../../../src-server/services/context';
import type { DbKind } from '../../support/test-server';
import { createPostgresDatabase } from '../../support/test-server';

/** The master secret every process of a reliability test shares, so they all unseal one signing key. */
export const RELIABILITY_SECRET = 'reliability-master-secret';

/** A database that outlives server processes: a PGlite data dir or a PostgreSQL database, plus the env a server needs. */
export interface PersistentDb {
  readonly target: DatabaseTarget;
  readonly serverEnv: Record<string, string>;
  /** Opens it in this process (only while no server process holds a PGlite dir) with a full context. */
  open(): Promise<LicensingContext & { close(): Promise<void> }>;
}

/** Creates the database for `kind` (PGlite under `dataDir`, the server's own layout) and migrates it. */
export async function createPersistentDb(
  kind: DbKind,
  dataDir: string,
  clusterUrl: string,
): Promise<PersistentDb> {
  const target: DatabaseTarget =
    kind === 'pglite'
      ? { kind: 'pglite', dataDir: join(dataDir, 'pgdata') }
      : { kind: 'postgres', url: await createPostgresDatabase(clusterUrl) };
  const serverEnv = {
    TESSERA_DATA_DIR: dataDir,
    TESSERA_MASTER_KEY: RELIABILITY_SECRET,
    DATABASE_URL: target.kind === 'postgres' ? target.url : '',
  };
  const masterKey = resolveMasterKey(RELIABILITY_SECRET, dataDir).key;
  const open = async () => {
    const { db } = await openDatabase(target);
    await migrateToLatest(db);
    return {
      db,
      catalog: DEFAULT_CATALOG,
      signer: createIssuerSigner(masterKey),
      config: { sessionTtlSeconds: 120, leaseDays: 7 },
      now: Date.now,
      close: () => db.destroy(),
    };
  };
  return { target, serverEnv, open };
}
