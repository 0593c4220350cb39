import type { spawn as spawnChild } from 'node:child_process';
import type { Command } from 'commander';
import type { SessionManager } from '../../services/session-service';
import { agentFor, announceServer, globalsOf, loadServices } from '../cli-context';
import { CliExit, output, progress, unwrap } from '../cli-io';
import type { Failure } from '../../../shared/result';
import { EXIT, exitCodeFor } from '../exit-codes';
import { signalExitCode, trapSignals, type SignalTrap } from '../signal-trap';

/** What a command holds while it runs: a server session, or (R5) an offline license checked locally. */
type Holding =
  | { readonly kind: 'session'; readonly sessions: SessionManager; readonly sessionId: string }
  | { readonly kind: 'offline'; readonly expiresAt: string };

/** Why a held session ended elsewhere (released by `session stop`, force-released, seat removed …). */
type LostSession = Failure['error'];

const checkOut = async (
  command: Command,
  productId: string,
  applicationId: string | undefined,
  onLost: (reason: LostSession) => void = () => undefined,
): Promise<Holding> => {
  const deps = await agentFor(command);
  const { checkOfflineUse, offlineUseLine } = await loadServices();
  const offline = unwrap(await checkOfflineUse(deps, productId));
  if (offline) {
    progress(offlineUseLine(productId, offline), globalsOf(command).quiet);
    return { kind: 'offline', expiresAt: offline.payload.expiresAt };
  }
  announceServer(deps, command);
  const { createSessionManager } = await loadServices();
  const sessions = createSessionManager(deps, (lost, reason) => {
    process.stderr.write(`tessera: the ${lost} session ended: ${reason.message} (${reason.code})\n`);
    onLost(reason);
  });
  const session = unwrap(await sessions.start(productId, applicationId));
  progress(
    `Session ${session.sessionId} for ${productId} started; heartbeat every ${session.heartbeatIntervalSeconds} s.`,
    globalsOf(command).quiet,
  );
  return { kind: 'session', sessions, sessionId: session.sessionId };
};

/** Gives back what `checkOut` took: releases the server session (an offline license holds nothing). */
const release = async (command: Command, productId: string, holding: Holding): Promise<void> => {
  if (holding.kind === 'offline') return;
  await holding.sessions.stop(productId, holding.sessionId);
  progress(`Session ${holding.sessionId} released.`, globalsOf(command).quiet);
};

const APPLICATION_HELP = 'TrueTest (R3): the application under test this session is for';

interface SessionOptions {
  readonly product: string;
  readonly application?: string;
}

type Spawn = typeof spawnChild;

/** Runs the command with inherited stdio; resolves with its exit code (128 + n when killed by a signal). */
const runChild = (argv: string[], trap: SignalTrap, spawn: Spawn): Promise<number> =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) {
      reject(
        new CliExit(
          EXIT.usage,
          'Give the command to run after `--`, e.g. `tessera run --product kre -- katalonc …`.',
        ),
      );
      return;
    }
    const child = spawn(file, args, { stdio: 'inherit' });
    trap.attach(child);
    child.once('error', () =>
      reject(new CliExit(EXIT.usage, `The command "${file}" could not be started; check that it exists.`)),
    );
    child.once('exit', (code, signal) => resolve(code ?? signalExitCode(signal ?? 'SIGTERM')));
  });

/** `run` and `session start|stop`: holding a session while work happens. */
export const registerSessionCommands = (program: Command): void => {
  program
    .command('run')
    .description(
      'hold a session while a command runs (heartbeats, release on exit or signal), passing its exit code',
    )
    .requiredOption('--product <id>', 'product to hold a session of (e.g. kre)')
    .option('--application <id>', APPLICATION_HELP)
    .argument('<command...>', 'the command to run, after --')
    .action(async (argv: string[], options: SessionOptions, command: Command) => {
      const trap = trapSignals();
      try {
        // Loaded here, not at the top: every other command (and `--help`) starts without child_process.
        const { spawn } = await import('node:child_process');
        const holding = await checkOut(command, options.product, options.application);
        let code: number;
        try {
          code = trap.received ? signalExitCode(trap.received) : await runChild(argv, trap, spawn);
        } finally {
          await release(command, options.product, holding);
        }
        if (code !== 0) throw new CliExit(code);
      } finally {
        trap.dispose();
      }
    });

  const session = program
    .command('session')
    .description('hold or release sessions of session-based and floating products');
  session
    .command('start')
    .description('check out a session and hold it (heartbeats) until Ctrl-C or SIGTERM, then release it')
    .requiredOption('--product <id>')
    .option('--application <id>', APPLICATION_HELP)
    .action(async (options: SessionOptions, command: Command) => {
      const trap = trapSignals();
      let endedElsewhere: (reason: LostSession) => void = () => undefined;
      const lost = new Promise<LostSession>((resolve) => (endedElsewhere = resolve));
      try {
        const holding = await checkOut(command, options.product, options.application, (reason) =>
          endedElsewhere(reason),
        );
        output(
          Boolean(globalsOf(command).json),
          holding.kind === 'session'
            ? { sessionId: holding.sessionId }
            : { sessionId: null, offline: true, expiresAt: holding.expiresAt },
          () =>
            holding.kind === 'session'
              ? `Holding session ${holding.sessionId}; press Ctrl-C to release it.`
              : `Running on the offline license until ${holding.expiresAt}; press Ctrl-C to end.`,
        );
        const keepAlive = setInterval(() => undefined, 1 << 30);
        const outcome = await Promise.race([trap.wait().then(() => undefined), lost]);
        clearInterval(keepAlive);
        // Ended elsewhere: nothing left to release; stop with the reason instead of holding nothing.
        if (outcome !== undefined) throw new CliExit(exitCodeFor(outcome.code));
        await release(command, options.product, holding);
      } finally {
        trap.dispose();
      }
    });
  session
    .command('stop')
    .description(
      'release the sessions of a product recorded on this machine (e.g. left by a crashed process)',
    )
    .requiredOption('--product <id>')
    .action(async (options: { product: string }, command: Command) => {
      const deps = await agentFor(command);
      announceServer(deps, command);
      const { createSessionManager } = await loadServices();
      const stopped = unwrap(await createSessionManager(deps).stop(options.product));
      output(
        Boolean(globalsOf(command).json),
        stopped,
        () => `Released ${stopped.released} session(s) of ${options.product}.`,
      );
    });
};
