import { CommanderError } from 'commander';
import { buildOperatorProgram } from './cli/operator-program';
import { debugFromEnv } from './config';
import { HeldByServer } from './cli/operator-db';
import { explainOperatorError } from './operator/explain-error';
import { openOperatorChannel } from './operator/open-operator-channel';
import { sendOperatorCommand } from './operator/operator-channel';
import { commanderExitCode } from './operator/run-operator-command';

// Operator CLI: `npm run server` serves; `npm run server -- <command>` administers. Every failure is a
// code and one sentence on stderr (TESSERA_DEBUG=1 adds the stack), never a bare stack trace.

const fail = (error: unknown): number => {
  const failure = explainOperatorError(error);
  process.stderr.write(`${failure.code}: ${failure.message}\n`);
  if (debugFromEnv()) process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  return failure.exitCode;
};

/** A command for a PGlite folder a running server holds is carried out by that server. */
const forward = async (held: HeldByServer, argv: string[]): Promise<number> => {
  // No answer on the channel (a server that opens none): refused below with what to do instead.
  const answer = await sendOperatorCommand(held.dataDir, argv).catch(() => undefined);
  if (answer === undefined) {
    process.stderr.write(
      `DATA_DIR_IN_USE: A Tessera server (process ${held.holder.pid}) holds ${held.dataDir} and does not answer operator commands; stop it first, or use PostgreSQL (DATABASE_URL) where any number of processes share one database.\n`,
    );
    return 3;
  }
  process.stdout.write(answer.stdout);
  process.stderr.write(answer.stderr);
  return answer.exitCode;
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const argv = args.length === 0 ? ['serve'] : args;
  try {
    await buildOperatorProgram(openOperatorChannel).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    if (error instanceof HeldByServer) return forward(error, argv);
    return fail(error);
  }
};

process.exitCode = await main();
