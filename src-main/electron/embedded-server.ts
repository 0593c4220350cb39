// The license server embedded in the desktop app when no server is configured: started lazily on
// loopback with its database in the app's data folder, stopped on quit.
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';

/** What starting a license server yields: its URL and a way to stop it (src-server/server.ts `startServer`, adapted). */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
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
  stop(): Promise<void>;
}

/** Creates the handle; the server starts once, even if asked concurrently, and only on loopback. */
export const createEmbeddedServer = (start: StartServer, appDataDir: string): EmbeddedServer => {
  let running: Promise<RunningServer> | null = null;
  return {
    async ensureStarted() {
      running ??= start({ host: '127.0.0.1', port: 0, dataDir: join(appDataDir, 'server') });
      try {
        return ok((await running).url);
      } catch {
        running = null;
        return fail(
          'SERVER_UNAVAILABLE',
          'The license server built into Tessera could not start. Restart the app and try again.',
        );
      }
    },
    async stop() {
      const current = running;
      running = null;
      if (current) await current.then((server) => server.close()).catch(() => undefined);
    },
  };
};
