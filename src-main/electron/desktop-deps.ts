// The real parts startTessera composes: the desktop agent (src-main/services) and the license server (src-server/server.ts) (embedded,
// PGlite in the app's data folder, loopback only). Kept apart from main.ts so tests can inject fakes.
import { join } from 'node:path';
import { app } from 'electron';
import { loadConfig as loadServerConfig } from '../../src-server/config';
import { startServer } from '../../src-server/server';
import { defaultDataDir } from '../config/default-data-dir';
import { createDesktopAgent } from '../services/desktop-agent';
import type { StartServer } from './embedded-server';
import type { TesseraDeps } from './main';

/** Starts the license server (src-server/server.ts) for this machine only: never DATABASE_URL or other server env, always PGlite on loopback. */
export const startEmbeddedLicenseServer: StartServer = (options) =>
  startServer(
    loadServerConfig(
      {},
      { host: options.host, port: options.port, dataDir: options.dataDir, logLevel: 'warn' },
    ),
    {},
  );

/** Shipped resources (trusted issuers, catalog): beside the app when packaged, the repository's resources/ otherwise. */
export const resourcesDir = (mainDir: string): string =>
  app.isPackaged ? join(process.resourcesPath, 'resources') : join(mainDir, '..', '..', 'resources');

/** Everything startTessera needs, from the real implementations. */
export const desktopDeps = (mainDir: string, env: NodeJS.ProcessEnv = process.env): TesseraDeps => ({
  mainDir,
  dataDir: defaultDataDir(env),
  env,
  startServer: startEmbeddedLicenseServer,
  createAgent: ({ dataDir, embeddedServer }) =>
    createDesktopAgent({ dataDir, embeddedServer, resourcesDir: resourcesDir(mainDir), env }),
});
