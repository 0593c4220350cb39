import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import {
  app,
  BrowserWindow,
  dialog,
  FrameMock,
  ipcMain,
  makeEvent,
  resetElectronMock,
  session,
} from './electron-mock';
import { recordingAgent } from './recording-agent';
import { startTessera, type TesseraDeps } from '../../../src-main/electron/main';
import { IPC_CHANNELS } from '../../../shared/contracts/ipc';
import { fail, ok } from '../../../shared/result';

// Taken before any test runs: importing main.ts must not have registered anything.
const handlersAtImport = ipcMain.handle.mock.calls.length;
const appListenersAtImport = app.eventNames().length;

const deps = (overrides: Partial<TesseraDeps> = {}) => {
  const recording = recordingAgent();
  const close = vi.fn(() => Promise.resolve());
  const startServer = vi.fn(() => Promise.resolve({ url: 'http://127.0.0.1:40001', close }));
  const createAgent = vi.fn<TesseraDeps['createAgent']>(() => Promise.resolve(ok(recording.agent)));
  const all: TesseraDeps = {
    mainDir: '/app/dist/main',
    dataDir: '/data',
    startServer,
    createAgent,
    env: {},
    ...overrides,
  };
  return { all, recording, startServer, createAgent, close };
};

describe('startTessera', () => {
  beforeEach(resetElectronMock);

  it('registers nothing on import: handlers appear only when the app starts', () => {
    expect(handlersAtImport).toBe(0);
    expect(appListenersAtImport).toBe(0);
  });

  it('opens one hardened window on the built renderer with the preload next to the bundle', async () => {
    const { all } = deps();
    await expect(startTessera(all)).resolves.toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
    const window = BrowserWindow.instances[0];
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      sandbox: true,
      contextIsolation: true,
    });
    expect(window?.loadURL).toHaveBeenCalledWith('file:///app/dist/renderer/index.html');
    const navigation = makeEvent('https://evil.example/');
    window?.webContents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('allows DevTools only when the app is not packaged', async () => {
    app.isPackaged = true;
    try {
      await startTessera(deps().all);
      expect(BrowserWindow.instances[0]?.options.webPreferences).toMatchObject({ devTools: false });
    } finally {
      app.isPackaged = false;
    }
  });

  it('sets the CSP on the session and registers every contract channel, trusting only the window', async () => {
    const { all, recording } = deps();
    await startTessera(all);
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    const window = BrowserWindow.instances[0];
    const trusted = {
      sender: window?.webContents,
      senderFrame: new FrameMock('file:///app/dist/renderer/index.html'),
    };
    await expect(ipcMain.invoke('key:has', trusted, {})).resolves.toMatchObject({ ok: true });
    const stranger = { sender: window?.webContents, senderFrame: new FrameMock('file:///tmp/x.html') };
    await expect(ipcMain.invoke('key:has', stranger, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(recording.calls).toHaveLength(1);
  });

  it('gives the agent a lazily started embedded server on loopback inside the data folder', async () => {
    const { all, createAgent, startServer } = deps();
    await startTessera(all);
    expect(startServer).not.toHaveBeenCalled();
    const context = createAgent.mock.calls[0]?.[0];
    const [first, second] = await Promise.all([
      context?.embeddedServer.ensureStarted(),
      context?.embeddedServer.ensureStarted(),
    ]);
    expect(first).toEqual({ ok: true, value: 'http://127.0.0.1:40001' });
    expect(second).toEqual(first);
    expect(startServer).toHaveBeenCalledOnce();
    expect(startServer).toHaveBeenCalledWith({ host: '127.0.0.1', port: 0, dataDir: '/data/server' });
  });

  it('shows the agent’s refusal in an error box and quits when the agent cannot start', async () => {
    const { all } = deps({
      createAgent: () => Promise.resolve(fail('KEYCHAIN_UNAVAILABLE', 'No keychain is available.')),
    });
    await expect(startTessera(all)).resolves.toBe(false);
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Tessera could not start', 'No keychain is available.');
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('shows a sentence instead of hanging when building the agent throws', async () => {
    const { all } = deps({ createAgent: () => Promise.reject(new Error('ENOENT /home/x/secret')) });
    await expect(startTessera(all)).resolves.toBe(false);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Tessera could not start',
      expect.stringContaining('unexpected problem'),
    );
    expect(app.quit).toHaveBeenCalled();
  });

  it('reloads the UI after a renderer crash, not after a clean exit', async () => {
    await startTessera(deps().all);
    const window = BrowserWindow.instances[0];
    window?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window?.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window?.loadURL).toHaveBeenCalledTimes(2);
  });

  it('focuses the existing window when Tessera is launched a second time', async () => {
    await startTessera(deps().all);
    const window = BrowserWindow.instances[0];
    window?.isMinimized.mockReturnValueOnce(true);
    app.emit('second-instance');
    expect(window?.restore).toHaveBeenCalledOnce();
    expect(window?.focus).toHaveBeenCalledOnce();
  });

  it('refuses a dev server that is not on loopback', async () => {
    const { all } = deps({ env: { TESSERA_DEV_SERVER_URL: 'http://evil.example:5173' } });
    await expect(startTessera(all)).resolves.toBe(false);
    expect(dialog.showErrorBox).toHaveBeenCalledOnce();
  });

  it('quits at once when another instance already runs', async () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const { all, createAgent } = deps();
    await expect(startTessera(all)).resolves.toBe(false);
    expect(createAgent).not.toHaveBeenCalled();
  });

  it('disposes the agent and stops the embedded server before quitting', async () => {
    const { all, recording, createAgent, close } = deps();
    await startTessera(all);
    await createAgent.mock.calls[0]?.[0].embeddedServer.ensureStarted();
    const quit = makeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(recording.dispose).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
    const again = makeEvent();
    app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
