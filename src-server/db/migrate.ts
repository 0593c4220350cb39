import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import * as identity from './migrations/20261123T1000-identity';
import * as licensing from './migrations/20261123T1010-licensing';
import * as keysAudit from './migrations/20261123T1020-keys-audit';
import * as readIndexes from './migrations/20261123T1030-read-indexes';
import * as adminIndexes from './migrations/20261123T1040-admin-indexes';
import * as sessionApplication from './migrations/20261123T1410-session-application';
import * as adminReadSpeed from './migrations/20261123T1420-admin-read-speed';
import * as renewalOrders from './migrations/20261130T0400-renewal-orders';
import * as trustChain from './migrations/20261130T0400-trust-chain';
import * as endCodes from './migrations/20261130T0410-end-codes';
import * as authFailures from './migrations/20261130T0500-auth-failures';
import * as auditChain from './migrations/20261130T0510-audit-chain';
import * as auditChainPerStatement from './migrations/20261130T1100-audit-chain-per-statement';
import * as auditOrgActorIndex from './migrations/20261130T1700-audit-org-actor-index';
import * as sessionOnReservation from './migrations/20261201T0900-session-on-reservation';
import * as reservationHistory from './migrations/20261201T1000-reservation-history';
import * as sessionInsideReservation from './migrations/20261201T1300-session-inside-reservation';
import * as triggerSetDifferences from './migrations/20261201T1900-trigger-set-differences';
import * as dropAuditTimeIndex from './migrations/20261201T1910-drop-audit-time-index';
import * as sessionInsideAlone from './migrations/20261201T2200-session-inside-alone';

// Migrations are listed statically (not read from disk) so tsx, esbuild bundles and tests agree.
const migrations: Record<string, Migration> = {
  '20261123T1000-identity': identity,
  '20261123T1010-licensing': licensing,
  '20261123T1020-keys-audit': keysAudit,
  '20261123T1030-read-indexes': readIndexes,
  '20261123T1040-admin-indexes': adminIndexes,
  '20261123T1410-session-application': sessionApplication,
  '20261123T1420-admin-read-speed': adminReadSpeed,
  '20261130T0400-renewal-orders': renewalOrders,
  '20261130T0400-trust-chain': trustChain,
  '20261130T0410-end-codes': endCodes,
  '20261130T0500-auth-failures': authFailures,
  '20261130T0510-audit-chain': auditChain,
  '20261130T1100-audit-chain-per-statement': auditChainPerStatement,
  '20261130T1700-audit-org-actor-index': auditOrgActorIndex,
  '20261201T0900-session-on-reservation': sessionOnReservation,
  '20261201T1000-reservation-history': reservationHistory,
  '20261201T1300-session-inside-reservation': sessionInsideReservation,
  '20261201T1900-trigger-set-differences': triggerSetDifferences,
  '20261201T1910-drop-audit-time-index': dropAuditTimeIndex,
  '20261201T2200-session-inside-alone': sessionInsideAlone,
};

/**
 * True when the migration table lists exactly this build's migrations: a start on a current database
 * then costs one query instead of the Migrator's table, lock and list work. Anything else (no table, a
 * pending or an unknown migration) goes through the Migrator, which applies or refuses as before.
 */
export async function schemaIsCurrent<DB>(db: Kysely<DB>): Promise<boolean> {
  const table = await sql<{
    found: string | null;
  }>`select to_regclass('kysely_migration')::text as found`.execute(db);
  if (table.rows[0]?.found == null) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = rows.map((row) => row.name).sort();
  const known = migrationNames();
  return names.length === known.length && names.every((name, i) => name === known[i]);
}

/** Brings the schema to the latest version; throws with the failing migration's error. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  if (await schemaIsCurrent(db)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Rolls back one migration (operator use and the up/down test). */
export async function migrateDown<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateDown();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}

/** Moves the schema up or down to exactly the named migration (tests re-running one migration). */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(name);
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}

/** This build's migration names in order: what a data-folder template must have been made with. */
export const migrationNames = (): string[] => Object.keys(migrations).sort();
