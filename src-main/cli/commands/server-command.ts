import type { Command } from 'commander';
import { CliExit, progress } from '../cli-io';
import { EXIT } from '../exit-codes';

/** `tessera server`: starts the license server in this process (src-server/server.ts `startServer`) until a signal. */
export const registerServerCommand = (program: Command): void => {
  program
    .command('server')
    .description('start the license server (PGlite in its data folder, or PostgreSQL with DATABASE_URL)')
    .option('--port <port>', 'TCP port (default 8787)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option(
      '--server-data-dir <dir>',
      "the server's data folder (default TESSERA_DATA_DIR or ~/.tessera-server)",
    )
    .action(async (options: { port?: string; host?: string; serverDataDir?: string }) => {
      // Loaded on demand: the server pulls in Fastify and the database, which other commands never need.
      const { loadConfig } = await import('../../../src-server/config');
      const { startServer } = await import('../../../src-server/server');
      let config;
      try {
        config = loadConfig(process.env, {
          port: options.port,
          host: options.host,
          dataDir: options.serverDataDir,
        });
      } catch {
        throw new CliExit(
          EXIT.usage,
          'The server options are not valid; check --port, --host and the TESSERA_* variables.',
        );
      }
      const server = await startServer(config).catch(() => {
        throw new CliExit(
          EXIT.serverUnavailable,
          'The license server could not start; is the port already in use or the data folder unwritable?',
        );
      });
      for (const line of server.banner) process.stdout.write(`${line}\n`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      progress('Stopping the license server…');
      await server.close();
    });
};
