// A stand-in for the `electron` module (the binary is not installed here), in the manner of
// electron/fiddle's tests/mocks: event emitters plus vi.fn spies, enough to drive the real glue.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, payload: unknown) => unknown;
type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

/** A cancellable Electron event carrying a URL (will-navigate and friends). */
export const makeEvent = (url = '') => ({
  url,
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

/** Frames as IPC events report them: the URL shown and whether it is a subframe. */
export class FrameMock {
  constructor(
    public url: string,
    public parent: FrameMock | null = null,
  ) {}
}

/** A web contents: events, the window-open handler, sends, and its main frame. */
export class WebContentsMock extends EventEmitter {
  openHandler: OpenHandler | null = null;
  destroyed = false;
  readonly send = vi.fn();
  readonly mainFrame = new FrameMock('about:blank');
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** The app object: an emitter with the lifecycle calls main.ts makes. */
class AppMock extends EventEmitter {
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly whenReady = vi.fn(() => Promise.resolve());
  isPackaged = false;
}

/** The app singleton. */
export const app = new AppMock();

/** BrowserWindow: records its options and, like Electron, announces its web contents to the app. */
export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new WebContentsMock();
  readonly loadURL = vi.fn(() => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  destroyed = false;
  constructor(
    public readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>,
  ) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** ipcMain: keeps the registered handlers so tests can invoke them as the renderer would. */
class IpcMainMock {
  readonly handlers = new Map<string, Handler>();
  readonly handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => this.handlers.delete(channel));
  /** Calls a handler like Electron does for ipcRenderer.invoke. */
  invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(event, payload));
  }
}

/** The ipcMain singleton. */
export const ipcMain = new IpcMainMock();

/** ipcRenderer: invoke is a spy; on/removeListener are real emitter methods. */
class IpcRendererMock extends EventEmitter {
  readonly invoke = vi.fn((_channel: string, _payload: unknown): Promise<unknown> =>
    Promise.resolve({ ok: true, value: null }),
  );
}

/** The ipcRenderer singleton. */
export const ipcRenderer = new IpcRendererMock();

/** contextBridge: remembers what the preload exposed. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

/** The default session: CSP hook and permission handlers. */
export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequest: null as
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheck: null as (() => boolean) | null,
    webRequest: {
      onHeadersReceived: vi.fn((listener: HeadersListener) => {
        session.defaultSession.headersListener = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: typeof session.defaultSession.permissionRequest) => {
      session.defaultSession.permissionRequest = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: () => boolean) => {
      session.defaultSession.permissionCheck = handler;
    }),
  },
};

/** shell: openExternal is a spy so tests see which URLs would leave the app. */
export const shell = { openExternal: vi.fn(() => Promise.resolve()) };

/** dialog: the startup error box. */
export const dialog = { showErrorBox: vi.fn() };

/** Puts every singleton back to a fresh state between tests. */
export const resetElectronMock = (): void => {
  app.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  BrowserWindow.instances.length = 0;
  session.defaultSession.headersListener = null;
  session.defaultSession.permissionRequest = null;
  session.defaultSession.permissionCheck = null;
  vi.clearAllMocks();
};

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, session, shell, dialog };
