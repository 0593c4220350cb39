import type { Command } from 'commander';
import { mainLog } from '../../adapters/error-log';
import { CliExit, progress } from '../cli-io';
import { EXIT } from '../exit-codes';

/**
 * `tessera server`: starts the license server in this process (src-server/server.ts `startServer`) until a
 * signal, with the operator channel of a PGlite folder open like `tessera-server serve` has it.
 */
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
      const [
        { ZodError },
        { loadConfig },
        { startServer },
        { explainOperatorError, OperatorError },
        channel,
      ] = await Promise.all([
        import('zod'),
        import('../../../src-server/config'),
        import('../../../src-server/server'),
        import('../../../src-server/operator/explain-error'),
        import('../../../src-server/operator/open-operator-channel'),
      ]);
      let config;
      try {
        config = loadConfig(process.env, {
          port: options.port,
          host: options.host,
          dataDir: options.serverDataDir,
        });
      } catch (error) {
        if (!(error instanceof ZodError)) throw error;
        const failure = explainOperatorError(error);
        throw new CliExit(EXIT.usage, `${failure.code}: ${failure.message}`);
      }
      const server = await startServer(config).catch((error: unknown) => {
        // DATA_DIR_IN_USE and the other refusals at start are a code and a sentence of their own.
        if (error instanceof OperatorError)
          throw new CliExit(EXIT.refused, `${error.code}: ${error.message}`);
        mainLog().error({ err: error }, 'The license server could not start');
        throw new CliExit(
          EXIT.serverUnavailable,
          `The license server could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      const operator = await channel.openOperatorChannel(server, config);
      for (const line of server.banner) process.stdout.write(`${line}\n`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      progress('Stopping the license server…');
      await Promise.all([operator?.close(), server.close()]);
    });
};
