import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Stop signals caught for the whole life of a command, so none can kill it between checkout and release. */
export interface SignalTrap {
  /** The first stop signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Forwards later signals to the child (and the one already received, if any). */
  attach(child: ChildProcess): void;
  /** Resolves on the first stop signal. */
  wait(): Promise<NodeJS.Signals>;
  dispose(): void;
}

/** Shell convention for a process ended by a signal: 128 + its number. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 15);

/** How often `tessera` checks that the process which started it is still there. */
export const PARENT_CHECK_MS = 500;

/**
 * Installs handlers for SIGINT/SIGTERM/SIGHUP at once (before any network call). It also treats the loss
 * of its parent as SIGTERM: `npm run` stops its shell on a CI cancel and the shell does not pass the
 * signal on, so without this `tessera` and its child would run on, holding the session.
 */
export const trapSignals = (): SignalTrap => {
  let received: NodeJS.Signals | undefined;
  let child: ChildProcess | undefined;
  const waiters: ((signal: NodeJS.Signals) => void)[] = [];
  const handler = (signal: NodeJS.Signals) => {
    received ??= signal;
    child?.kill(signal);
    for (const resolve of waiters.splice(0)) resolve(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    handler('SIGTERM');
  }, PARENT_CHECK_MS);
  orphanWatch.unref();
  return {
    get received() {
      return received;
    },
    attach: (spawned) => {
      child = spawned;
      if (received) spawned.kill(received);
    },
    wait: () => (received ? Promise.resolve(received) : new Promise((resolve) => waiters.push(resolve))),
    dispose: () => {
      clearInterval(orphanWatch);
      for (const signal of SIGNALS) process.off(signal, handler);
    },
  };
};
