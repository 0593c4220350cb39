import { CommanderError } from 'commander';
import type { Kysely } from 'kysely';
import { buildOperatorProgram } from '../cli/operator-program';
import type { ServerConfig } from '../config';
import type { Database } from '../db/schema';
import { explainOperatorError } from './explain-error';
import type { OperatorAnswer } from './operator-channel';
import { runInOperatorScope, type OperatorScope } from './operator-scope';

/** Exit code for commander's own stops: help and version are success, anything else is usage (2). */
export const commanderExitCode = (error: CommanderError): number =>
  error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
    ? 0
    : 2;

/**
 * Carries out one operator command inside the running server with the server's own database, capturing
 * what it prints: the receiving end of the operator channel.
 */
export async function runOperatorCommand(
  argv: string[],
  server: { db: Kysely<Database>; config: ServerConfig; cwd: string },
): Promise<OperatorAnswer> {
  const scope: OperatorScope = { ...server, stdout: '', stderr: '', exitCode: 0 };
  const program = buildOperatorProgram().configureOutput({
    writeOut: (text) => (scope.stdout += text),
    writeErr: (text) => (scope.stderr += text),
  });
  try {
    await runInOperatorScope(scope, () => program.parseAsync(argv, { from: 'user' }));
  } catch (error) {
    if (error instanceof CommanderError) scope.exitCode = commanderExitCode(error);
    else {
      const failure = explainOperatorError(error);
      scope.stderr += `${failure.code}: ${failure.message}\n`;
      scope.exitCode = failure.exitCode;
    }
  }
  return { exitCode: scope.exitCode, stdout: scope.stdout, stderr: scope.stderr };
}
