// Where main-process code records an error it caught and handled, so none is dropped unseen: the
// desktop app points it at its pino file (main-logger.ts), the CLI at stderr under TESSERA_DEBUG.

/** Where a caught error goes once it is turned into a result or a fallback (pino's Logger fits). */
export interface MainLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A log that drops everything: the default until the process names its log, and for tests. */
export const SILENT_LOG: MainLog = { error: () => undefined, warn: () => undefined };

let current: MainLog = SILENT_LOG;

/** Names this process's log once at start; adapters deep in the agent find it through mainLog(). */
export const useMainLog = (log: MainLog): void => {
  current = log;
};

/** The log this process named at start (silent until then). */
export const mainLog = (): MainLog => current;

/** True when `error` is a Node system error with one of these codes (ENOENT, EISDIR, …). */
export const hasErrorCode = (error: unknown, ...codes: readonly string[]): boolean =>
  error instanceof Error && codes.includes(String((error as NodeJS.ErrnoException).code));
