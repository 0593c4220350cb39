// Composes the desktop app: one setupX() per concern, called in order from startTessera(). Nothing
// here runs on import; entry.ts calls startTessera with the real agent and server.
import { join } from 'node:path';
import { useMainLog } from '../adapters/error-log';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { fail, type Result } from '../../shared/result';
import type { AgentBridge } from '../../shared/contracts/ipc';
import { contentSecurityPolicy } from './csp';
import {
  createEmbeddedServer,
  SILENT_LOG,
  type EmbeddedServer,
  type MainLog,
  type StartServer,
} from './embedded-server';
import { setupEventForwarding } from './event-forwarding';
import { createSenderCheck, setupIpcHandlers } from './ipc-handlers';
import { devServerUrl, resolveRendererUrl } from './renderer-url';
import { setupSessionSecurity } from './session-security';
import { createMainWindow, hardenWebContents, setupRendererRecovery } from './window';

/** The agent as main holds it: the contract, plus releasing sessions and timers on quit. */
export type DesktopAgent = AgentBridge & { dispose?: () => Promise<void> };

/** What startTessera needs from the rest of the app, injected so tests can run it with electron mocked. */
export interface TesseraDeps {
  readonly mainDir: string;
  readonly dataDir: string;
  readonly startServer: StartServer;
  readonly createAgent: (context: {
    dataDir: string;
    embeddedServer: EmbeddedServer;
    /** The app window now (null before it opens or after it closed): a member's new key is shown over it. */
    mainWindow: () => BrowserWindow | null;
  }) => Promise<Result<DesktopAgent>>;
  readonly env?: NodeJS.ProcessEnv;
  /** The main-process log (src-main/adapters/main-logger.ts); silent when absent. */
  readonly log?: MainLog;
  /** Sets the application menu (with "Install Command-Line Tool…"); tests leave it out. */
  readonly installMenu?: () => void;
}

/** Every web contents the app ever creates gets the navigation and new-window guards. */
export const setupNavigationGuards = (): void => {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
};

/** One running Tessera: a second launch focuses the existing window instead. */
export const setupSingleInstance = (getWindow: () => BrowserWindow | null): boolean => {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getWindow();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  return true;
};

/** Quit when the window closes (except macOS), reopen on dock click, dispose the agent and server on quit. */
export const setupLifecycle = (
  openWindow: () => void,
  hasWindow: () => boolean,
  shutdown: () => Promise<void>,
): void => {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!hasWindow()) openWindow();
  });
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void shutdown().finally(() => app.quit());
  });
};

const refuseToStart = (message: string): false => {
  dialog.showErrorBox('Tessera could not start', message);
  app.quit();
  return false;
};

/** Starts the desktop app; resolves false when it could not (the reason was shown to the user). */
export const startTessera = async (deps: TesseraDeps): Promise<boolean> => {
  let window: BrowserWindow | null = null;
  if (!setupSingleInstance(() => window)) {
    app.quit();
    return false;
  }
  setupNavigationGuards();
  await app.whenReady();
  const rendererUrl = resolveRendererUrl(deps.mainDir, deps.env);
  if (!rendererUrl.ok) return refuseToStart(rendererUrl.error.message);
  setupSessionSecurity(session.defaultSession, contentSecurityPolicy(devServerUrl(rendererUrl.value)));
  const log = deps.log ?? SILENT_LOG;
  useMainLog(log);
  const embeddedServer = createEmbeddedServer(deps.startServer, deps.dataDir, log);
  const agent = await deps
    .createAgent({ dataDir: deps.dataDir, embeddedServer, mainWindow: () => window })
    .catch((error: unknown) => {
      log.error({ err: error }, 'The license agent could not be prepared');
      return fail(
        'INTERNAL',
        'Tessera hit an unexpected problem while preparing its license agent. Restart it; if this repeats, run `tessera status` in a terminal to see why.',
      );
    });
  if (!agent.ok) return refuseToStart(agent.error.message);
  const openWindow = (): void => {
    const created = createMainWindow({
      preloadPath: join(deps.mainDir, 'preload.cjs'),
      devTools: !app.isPackaged,
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    setupRendererRecovery(created, rendererUrl.value);
    void created.loadURL(rendererUrl.value);
  };
  setupIpcHandlers(
    ipcMain,
    agent.value,
    createSenderCheck(() => window, rendererUrl.value),
    log,
  );
  const stopEvents = setupEventForwarding(agent.value, () => window?.webContents ?? null);
  setupLifecycle(
    openWindow,
    () => window !== null,
    async () => {
      stopEvents();
      await agent.value.dispose?.();
      await embeddedServer.stop();
    },
  );
  deps.installMenu?.();
  openWindow();
  return true;
};
