// The one app window and the guards every web contents gets: isolated, sandboxed, no Node, no
// navigation, no new windows, and only allow-listed https links handed to the OS browser.
import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { HARDENED_WEB_PREFERENCES } from './hardened-web-preferences';
import { isAllowedExternalUrl } from './trusted-url';

/** The renderer is untrusted: isolation and sandbox on, Node and webviews off; DevTools only in development. */
export const secureWebPreferences = (preloadPath: string, devTools = false): WebPreferences => ({
  preload: preloadPath,
  devTools,
  ...HARDENED_WEB_PREFERENCES,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/** Opens an allow-listed https URL in the user's browser; anything else is silently dropped. */
export const openExternalSafely = (url: string): boolean => {
  if (!isAllowedExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
};

/** Denies navigation, redirects, webviews and new windows for any web contents the app creates. */
export const hardenWebContents = (contents: WebContents): void => {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
};

/** Creates the main window (not yet loaded: the caller records it first, so its IPC is trusted from the first call). */
export const createMainWindow = (options: { preloadPath: string; devTools?: boolean }): BrowserWindow => {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Tessera',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
};

/** Reloads the UI if its renderer process crashes or is killed, so the user is never left with a blank window. */
export const setupRendererRecovery = (window: BrowserWindow, rendererUrl: string): void => {
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    void window.loadURL(rendererUrl);
  });
};
