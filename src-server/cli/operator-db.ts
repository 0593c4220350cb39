import { mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { loadConfig, type ServerConfig } from '../config';
import { lockDataDir, type LockHolder } from '../db/data-dir-lock';
import type { Database } from '../db/schema';
import { OperatorError } from '../operator/explain-error';
import { currentOperatorScope } from '../operator/operator-scope';
import { openConfiguredDatabase } from '../server';

/** Global CLI flags shared by every operator command. */
export interface GlobalFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Thrown when a running server holds the PGlite folder: the command is sent to that server instead. */
export class HeldByServer extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`The data folder ${dataDir} is held by process ${holder.pid}.`);
  }
}

const operatorConfig = (flags: GlobalFlags): ServerConfig =>
  loadConfig(process.env, { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, logLevel: 'silent' });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the PGlite folder for one command; waits briefly for another command, never for a server. */
const lockForCommand = async (dataDir: string) => {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const taken = await lockDataDir(dataDir, 'operator-command');
    if (taken.ok) return taken.lock;
    if (taken.holder.purpose === 'server') throw new HeldByServer(dataDir, taken.holder);
    await pause(100);
  }
  throw new OperatorError(
    'DATA_DIR_IN_USE',
    `Another operator command has held ${dataDir} for over 10 s; wait for it to finish and try again.`,
  );
};

/**
 * Runs one operator command against the configured database and always closes it. Inside a running
 * server (operator channel) it uses the server's database; on a PGlite folder another server holds, it
 * stops with HeldByServer so the command is carried out by that server, never behind its back.
 */
export async function withDatabase<T>(
  flags: GlobalFlags,
  work: (db: Kysely<Database>, config: ServerConfig) => Promise<T>,
): Promise<T> {
  const scope = currentOperatorScope();
  if (scope !== undefined) return work(scope.db, scope.config);
  const config = operatorConfig(flags);
  const lock = config.databaseUrl === undefined ? await lockForCommand(config.dataDir) : undefined;
  try {
    const { db } = await openConfiguredDatabase(config);
    try {
      return await work(db, config);
    } finally {
      await db.destroy();
    }
  } finally {
    await lock?.release();
  }
}

const write = (stream: 'stdout' | 'stderr', text: string): void => {
  const scope = currentOperatorScope();
  if (scope !== undefined) scope[stream] += text;
  else process[stream].write(text);
};

/** The operator's working folder: the caller's when a running server carries the command out. */
export const callerCwd = (): string => currentOperatorScope()?.cwd ?? process.cwd();

/** Prints a result line for people and scripts alike (`key: value`). */
export const print = (fields: Record<string, string | number | boolean | null>): void => {
  for (const [k, v] of Object.entries(fields)) write('stdout', `${k}: ${String(v)}\n`);
};

/** Prints a whole result as JSON (for `--json`). */
export const printJson = (value: unknown): void => write('stdout', `${JSON.stringify(value, null, 2)}\n`);

/** A line for people on stderr (advice, warnings), so stdout stays machine-readable. */
export const note = (text: string): void => write('stderr', `${text}\n`);

/** Prints a refusal and sets a failing exit code (3 = refused, as the agent CLI uses). */
export const refuse = (error: { code: string; message: string }): void => {
  write('stderr', `${error.code}: ${error.message}\n`);
  const scope = currentOperatorScope();
  if (scope !== undefined) scope.exitCode = 3;
  else process.exitCode = 3;
};
