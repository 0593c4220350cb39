// The license server embedded in the desktop app when no server is configured: started lazily on
// loopback with its database in the app's data folder, stopped on quit.
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { SILENT_LOG, type MainLog } from '../adapters/error-log';

/** What starting a license server yields: its URL and a way to stop it (src-server/server.ts `startServer`, adapted). */
export interface RunningServer {
  readonly url: string;
  /** The server's public trust root (made at its first start), for an evaluation build's agent. */
  readonly root?: { kid: string; publicKey: string; name: string };
  close(): Promise<void>;
  /** A new API key for this computer's owner (created with the account on first use). */
  localOwnerKey?(): Promise<string>;
}

/** Starts a license server on a loopback port with its data directory. */
export type StartServer = (options: {
  host: '127.0.0.1';
  port: 0;
  dataDir: string;
}) => Promise<RunningServer>;

/** Handle the agent uses to get the embedded server's URL, starting it on first use. */
export interface EmbeddedServer {
  ensureStarted(): Promise<Result<string>>;
  /** The running server's public root, passed to the agent in-process (never over HTTP). */
  localRoot(): { kid: string; publicKey: string; name: string } | undefined;
  localOwnerKey(): Promise<Result<string>>;
  stop(): Promise<void>;
}

/** The main-process log and its silent default, where the desktop's parts have always found them. */
export { SILENT_LOG, type MainLog } from '../adapters/error-log';

/** Creates the handle; the server starts once, even if asked concurrently, and only on loopback. */
export const createEmbeddedServer = (
  start: StartServer,
  appDataDir: string,
  log: MainLog = SILENT_LOG,
): EmbeddedServer => {
  let running: Promise<RunningServer> | null = null;
  let started: RunningServer | undefined;
  return {
    async ensureStarted() {
      running ??= start({ host: '127.0.0.1', port: 0, dataDir: join(appDataDir, 'server') });
      try {
        started = await running;
        return ok(started.url);
      } catch (error) {
        log.error({ err: error }, 'The embedded license server could not start');
        running = null;
        started = undefined;
        return fail(
          'SERVER_UNAVAILABLE',
          'The license server built into Tessera could not start. Restart the app and try again.',
        );
      }
    },
    localRoot: () => started?.root,
    async localOwnerKey() {
      // A start that failed was logged by ensureStarted; here it only means there is no server to ask.
      const server = running === null ? undefined : await running.catch(() => undefined);
      const key = await server?.localOwnerKey?.().catch((error: unknown) => {
        log.error({ err: error }, 'The embedded license server could not create the local owner');
        return undefined;
      });
      return key === undefined
        ? fail(
            'SERVER_UNAVAILABLE',
            'The license server built into Tessera could not create your account. Restart the app and try again.',
          )
        : ok(key);
    },
    async stop() {
      const current = running;
      running = null;
      started = undefined;
      if (current)
        await current
          .then((server) => server.close())
          .catch((error: unknown) =>
            log.warn({ err: error }, 'The embedded license server did not stop cleanly'),
          );
    },
  };
};
