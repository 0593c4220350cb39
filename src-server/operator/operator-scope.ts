import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../config';
import type { Database } from '../db/schema';

/**
 * An operator command carried out inside a running server (sent over its operator channel): the
 * server's own database and a place for the command's output, instead of opening the folder again.
 */
export interface OperatorScope {
  readonly db: Kysely<Database>;
  readonly config: ServerConfig;
  /** The caller's working folder, so relative paths (`--out .`) mean what they meant to the operator. */
  readonly cwd: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const scopes = new AsyncLocalStorage<OperatorScope>();

/** Runs `work` as an operator command of the running server. */
export const runInOperatorScope = <T>(scope: OperatorScope, work: () => Promise<T>): Promise<T> =>
  scopes.run(scope, work);

/** The scope of the command being carried out by this server, or undefined in a plain CLI process. */
export const currentOperatorScope = (): OperatorScope | undefined => scopes.getStore();
