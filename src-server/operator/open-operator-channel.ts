import type { ServerConfig } from '../config';
import type { RunningServer } from '../server';
import { startOperatorChannel } from './operator-channel';
import { runOperatorCommand } from './run-operator-command';

/**
 * Every server that holds a PGlite folder (`serve`, `tessera server`, the desktop app's embedded one)
 * opens this channel, so operator commands for the folder are carried out by it instead of refused. On
 * PostgreSQL any process may open the database itself, so there is no channel.
 */
export const openOperatorChannel = async (
  server: Pick<RunningServer, 'db'>,
  config: ServerConfig,
): Promise<{ close(): Promise<void> } | undefined> =>
  config.databaseUrl === undefined
    ? startOperatorChannel(config.dataDir, (argv, cwd) =>
        runOperatorCommand(argv, { db: server.db, config, cwd }),
      )
    : undefined;
