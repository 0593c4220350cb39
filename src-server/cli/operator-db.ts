import type { Kysely } from 'kysely';
import { loadConfig, type ServerConfig } from '../config';
import type { Database } from '../db/schema';
import { openConfiguredDatabase } from '../server';

/** Global CLI flags shared by every operator command. */
export interface GlobalFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Runs one operator command against the configured database and always closes it. */
export async function withDatabase<T>(
  flags: GlobalFlags,
  work: (db: Kysely<Database>, config: ServerConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, {
    dataDir: flags.dataDir,
    databaseUrl: flags.databaseUrl,
    logLevel: 'silent',
  });
  const { db } = await openConfiguredDatabase(config);
  try {
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/** Prints a result line for people and scripts alike (`key: value`). */
export const print = (fields: Record<string, string | number | boolean | null>): void => {
  for (const [k, v] of Object.entries(fields)) process.stdout.write(`${k}: ${String(v)}\n`);
};

/** Prints a refusal and sets a failing exit code (3 = refused, as the agent CLI uses). */
export const refuse = (error: { code: string; message: string }): void => {
  process.stderr.write(`${error.code}: ${error.message}\n`);
  process.exitCode = 3;
};
