// The headless `tessera` CLI: the same services as the desktop app, for terminals, CI and servers.
import { Command, CommanderError, Option } from 'commander';
import { registerAccountCommands } from './commands/account-commands';
import { registerLicenseCommands } from './commands/license-commands';
import { registerServerCommand } from './commands/server-command';
import { registerSessionCommands } from './commands/session-commands';
import { loadServices } from './cli-context';
import { CliExit } from './cli-io';
import { EXIT } from './exit-codes';
import { useMainLog, type MainLog } from '../adapters/error-log';

/** Under TESSERA_DEBUG: a caught error's message on stderr (never the request, so no key is printed). */
const STDERR_LOG: MainLog = {
  error: (details, message) => process.stderr.write(`tessera debug: ${message}: ${reason(details)}\n`),
  warn: (details, message) => process.stderr.write(`tessera debug: ${message}: ${reason(details)}\n`),
};
const reason = (details: object): string => {
  const err: unknown = Reflect.get(details, 'err');
  return err instanceof Error ? err.message.replace(/tsk_[a-z2-7]+/gi, 'tsk_[redacted]') : 'no detail';
};

/**
 * TESSERA_DEBUG, read through the agent's env schema (config/agent-env.ts) on first need: before a command's
 * action and when one failed, never for `--help` or a usage error, which so start without zod.
 */
const debugEnabled = async (): Promise<boolean> => {
  const { readAgentEnv } = await loadServices();
  const agentEnv = readAgentEnv();
  return agentEnv.ok && agentEnv.value.TESSERA_DEBUG;
};

/** Where this run of the CLI finds its shipped files; the bundle passes the folder beside it. */
export interface CliContext {
  readonly resourcesDir?: string;
}

/** Builds the program; exported so tests can inspect the commands without spawning a process. */
export const buildProgram = (context: CliContext = {}): Command => {
  const program = new Command('tessera')
    .description('Tessera license agent: activate products, import offline licenses, hold sessions')
    .option('--data-dir <dir>', "the agent's data folder (default: TESSERA_HOME or the OS app-data folder)")
    .option(
      '--server <url>',
      'license server URL for this run (default: TESSERA_SERVER_URL or the one saved by login)',
    )
    .option(
      '--api-key-stdin',
      'read the API key for this run from stdin; it is never stored (CI: or set TESSERA_API_KEY)',
    )
    .option('--json', 'print results as JSON on stdout')
    .option('-q, --quiet', 'no progress messages on stderr')
    .addOption(new Option('--resources-dir <dir>').hideHelp().default(context.resourcesDir))
    .showHelpAfterError('(run `tessera --help` for usage)')
    .exitOverride()
    .hook('preAction', async (_program, action) => {
      // An agent command reads each file once and exits: zod's JIT (a parser compiled per object schema on
      // its first use) costs more than it saves there. The long-running `tessera server` keeps it.
      // Set before the services load: zod decides at a schema's construction whether to compile it.
      if (action.name() !== 'server') (await import('./zod-jitless')).useJitlessZod();
      // TESSERA_DEBUG: errors the agent caught and handled are told on stderr too (the desktop app logs to a file).
      if (await debugEnabled()) useMainLog(STDERR_LOG);
    });
  registerAccountCommands(program);
  registerLicenseCommands(program);
  registerSessionCommands(program);
  registerServerCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
};

/** Runs the CLI and returns the exit code: one clear sentence on stderr for any failure, never a stack trace. */
export const runCli = async (argv: string[], context: CliContext = {}): Promise<number> => {
  try {
    await buildProgram(context).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) {
      if (error.message) process.stderr.write(`tessera: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    }
    process.stderr.write(
      'tessera: an unexpected problem stopped the command; run it again, and report it if it persists.\n',
    );
    if (await debugEnabled().catch(() => false))
      process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    return EXIT.internal;
  }
};

if (process.argv[1] && /tessera\.ts$/.test(process.argv[1])) {
  process.exit(await runCli(process.argv));
}
