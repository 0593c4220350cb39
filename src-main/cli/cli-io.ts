import type { Failure, Result } from '../../shared/result';
import { exitCodeFor } from './exit-codes';

/** Thrown inside a command to stop with a sentence and an exit code; caught once in tessera.ts. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** Stops the command with the refusal's sentence and its documented exit code. */
export const exitWith = (failure: Failure): never => {
  throw new CliExit(exitCodeFor(failure.error.code), `${failure.error.message} (${failure.error.code})`);
};

/** Unwraps a Result or stops the command with its sentence. */
export const unwrap = <T>(result: Result<T>): T => (result.ok ? result.value : exitWith(result));

/** A line of progress on stderr, so stdout stays clean for scripts and `--json`. */
export const progress = (message: string, quiet = false): void => {
  if (!quiet) process.stderr.write(`${message}\n`);
};

/** Prints a result for people, or as JSON for scripts. */
export const output = (json: boolean, value: unknown, human: () => string): void => {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
};
