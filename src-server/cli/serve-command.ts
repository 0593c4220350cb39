import type { Command } from 'commander';
import { loadConfig } from '../config';
import { startServer } from '../server';
import type { GlobalFlags } from './operator-db';

/** `serve`: starts the server, prints where it lives, and shuts down gracefully on SIGINT/SIGTERM. */
export function registerServeCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command('serve')
    .description('run the license server (the default command)')
    .option('--port <port>')
    .option('--host <host>')
    .action(async (o: { port?: string; host?: string }) => {
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
        // One sentence for the operator (unsafe data folder, wrong master key, unreachable database).
        process.stderr.write(
          `Tessera server did not start. ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      }
      for (const line of server.banner) process.stdout.write(`${line}\n`);
      const stop = (signal: string): void => {
        server.app.log.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
