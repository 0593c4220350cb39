import type { Command } from 'commander';
import { loadConfig, type ServerConfig } from '../config';
import { startServer, type RunningServer } from '../server';
import { OperatorError } from '../operator/explain-error';
import { currentOperatorScope } from '../operator/operator-scope';
import type { GlobalFlags } from './operator-db';

/** `serve`: starts the server, prints where it lives, and shuts down gracefully on SIGINT/SIGTERM. */
/** Something started beside a running server (the operator channel) and stopped with it. */
export type AfterStart = (
  server: RunningServer,
  config: ServerConfig,
) => Promise<{ close(): Promise<void> } | undefined>;

/** Registers `serve`; `afterStart` runs once the server listens. */
export function registerServeCommand(
  program: Command,
  flags: () => GlobalFlags,
  afterStart?: AfterStart,
): void {
  program
    .command('serve')
    .description('run the license server (the default command)')
    .option('--port <port>')
    .option('--host <host>')
    .action(async (o: { port?: string; host?: string }) => {
      if (currentOperatorScope() !== undefined)
        throw new OperatorError('DATA_DIR_IN_USE', 'This server is already running on that data folder.');
      const f = flags();
      const config = loadConfig(process.env, {
        port: o.port,
        host: o.host,
        dataDir: f.dataDir,
        databaseUrl: f.databaseUrl,
      });
      let server;
      try {
        server = await startServer(config);
      } catch (error) {
        if (error instanceof OperatorError) throw error; // a code and a sentence, printed by the CLI
        // One sentence for the operator (unsafe data folder, wrong master key, unreachable database).
        process.stderr.write(
          `Tessera server did not start. ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      }
      const channel = await afterStart?.(server, config);
      for (const line of server.banner) process.stdout.write(`${line}\n`);
      const stop = (signal: string): void => {
        server.app.log.info({ signal }, 'shutting down');
        Promise.all([channel?.close(), server.close()]).then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
