// The real parts startTessera composes: the desktop agent (src-main/services) and the license server (src-server/server.ts) (embedded,
// PGlite in the app's data folder, loopback only). Kept apart from main.ts so tests can inject fakes.
import { join } from 'node:path';
import { app, clipboard, dialog, type BrowserWindow } from 'electron';
import { messageBoxKeyHandover, type KeyHandover } from '../adapters/key-handover';
import { createMainLogger } from '../adapters/main-logger';
import { installAppMenu } from './cli-install-menu';
import { defaultDataDir } from '../config/default-data-dir';
import { createDesktopAgent } from '../services/desktop-agent';
import type { StartServer } from './embedded-server';
import type { TesseraDeps } from './main';

/**
 * Starts the license server (src-server/server.ts) for this machine only: never DATABASE_URL or other
 * server env, always PGlite on loopback. Imported on first use, so users of a remote server never load
 * Fastify, PGlite or pg. Its public root is handed to the agent in-process (an evaluation build trusts it).
 */
export const startEmbeddedLicenseServer: StartServer = async (options) => {
  const [{ loadConfig: loadServerConfig }, { startServer }, { localOwnerKey }, { openOperatorChannel }] =
    await Promise.all([
      import('../../src-server/config'),
      import('../../src-server/server'),
      import('../../src-server/services/local-owner'),
      import('../../src-server/operator/open-operator-channel'),
    ]);
  const config = loadServerConfig(
    {},
    { host: options.host, port: options.port, dataDir: options.dataDir, logLevel: 'warn' },
  );
  const server = await startServer(config);
  // Operator commands on the app's server folder are carried out by this server (as with `serve`).
  const channel = await openOperatorChannel(server, config).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    url: server.url,
    close: async () => {
      await channel?.close();
      await server.close();
    },
    localOwnerKey: () => localOwnerKey(server.db),
    ...(server.root ? { root: server.root } : {}),
  };
};

/** Shipped resources (trust roots, catalog): beside the app when packaged, the repository's resources/ otherwise. */
export const resourcesDir = (mainDir: string): string =>
  app.isPackaged ? join(process.resourcesPath, 'resources') : join(mainDir, '..', '..', 'resources');

/** A member's new key in a native message box over the app window, copied with Electron's clipboard (R15). */
export const desktopKeyHandover = (mainWindow: () => BrowserWindow | null): KeyHandover =>
  messageBoxKeyHandover({
    showMessageBox: (options) => {
      const window = mainWindow();
      return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
    },
    copyToClipboard: (text) => clipboard.writeText(text),
  });

/** Everything startTessera needs, from the real implementations. */
export const desktopDeps = (mainDir: string, env: NodeJS.ProcessEnv = process.env): TesseraDeps => ({
  mainDir,
  dataDir: defaultDataDir(env),
  env,
  log: createMainLogger(defaultDataDir(env)),
  installMenu: () => installAppMenu(mainDir, env),
  startServer: startEmbeddedLicenseServer,
  createAgent: ({ dataDir, embeddedServer, mainWindow }) =>
    createDesktopAgent({
      dataDir,
      embeddedServer,
      resourcesDir: resourcesDir(mainDir),
      env,
      keyHandover: desktopKeyHandover(mainWindow),
    }),
});
