import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, FrameMock, ipcMain, resetElectronMock, WebContentsMock } from './electron-mock';
import { recordingAgent } from './recording-agent';
import { createSenderCheck, setupIpcHandlers } from '../../../src-main/electron/ipc-handlers';
import type { BrowserWindow as ElectronWindow, IpcMain } from 'electron';

const RENDERER = 'file:///app/dist/renderer/index.html';

const setup = (throwOn?: string) => {
  const window = new BrowserWindow({});
  const recording = recordingAgent(throwOn);
  const check = createSenderCheck(() => window as unknown as ElectronWindow, RENDERER);
  setupIpcHandlers(ipcMain as unknown as IpcMain, recording.agent, check);
  const trusted = { sender: window.webContents, senderFrame: new FrameMock(`${RENDERER}#/status`) };
  return { window, recording, trusted };
};

describe('setupIpcHandlers', () => {
  beforeEach(resetElectronMock);

  it('runs a valid request from the app window and returns the agent’s result envelope', async () => {
    const { recording, trusted } = setup();
    const result = await ipcMain.invoke('license:activate', trusted, { productId: 'kse' });
    expect(result).toEqual({ ok: true, value: { echoed: { productId: 'kse' } } });
    expect(recording.calls).toEqual([{ method: 'licenseActivate', payload: { productId: 'kse' } }]);
  });

  it.each([
    ['another web contents', () => ({ sender: new WebContentsMock(), senderFrame: new FrameMock(RENDERER) })],
    [
      'a subframe of the window',
      (w: BrowserWindow) => ({
        sender: w.webContents,
        senderFrame: new FrameMock(RENDERER, new FrameMock(RENDERER)),
      }),
    ],
    [
      'a page at another URL',
      (w: BrowserWindow) => ({ sender: w.webContents, senderFrame: new FrameMock('https://evil.example/') }),
    ],
    [
      'another local file',
      (w: BrowserWindow) => ({ sender: w.webContents, senderFrame: new FrameMock('file:///tmp/evil.html') }),
    ],
    ['a frame already gone', (w: BrowserWindow) => ({ sender: w.webContents, senderFrame: null })],
  ])('refuses %s with UNTRUSTED_SENDER before anything runs', async (_name, makeEvent) => {
    const { window, recording } = setup();
    const result = await ipcMain.invoke('key:set', makeEvent(window), {
      serverUrl: 'https://x.example',
      apiKey: 'tsk_abcdefgh',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(recording.calls).toEqual([]);
  });

  it('refuses every call once the window is destroyed', async () => {
    const { window, recording, trusted } = setup();
    window.destroyed = true;
    const result = await ipcMain.invoke('license:get-status', trusted, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(recording.calls).toEqual([]);
  });

  it.each([
    ['a missing payload', 'license:activate', undefined],
    ['a wrong type', 'license:activate', { productId: 42 }],
    ['an unknown extra field', 'license:activate', { productId: 'kse', path: '/etc/passwd' }],
    ['a non-http server URL', 'key:set', { serverUrl: 'file:///etc/passwd', apiKey: 'tsk_abcdefgh' }],
    [
      'an oversized license file',
      'license:import-offline',
      { fileName: 'a.lic', content: 'x'.repeat(1_048_577) },
    ],
    [
      'a page beyond the limit',
      'admin:list-audit',
      { orgId: '0b9f6f5e-8d1c-4c55-9f3e-6c1d2a4b5c6d', filter: {}, page: { offset: 0, limit: 100_000 } },
    ],
  ])('refuses %s with VALIDATION_FAILED and never calls the agent', async (_name, channel, payload) => {
    const { recording, trusted } = setup();
    const result = await ipcMain.invoke(channel, trusted, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(recording.calls).toEqual([]);
  });

  it('does not echo the rejected value in the refusal message', async () => {
    const { trusted } = setup();
    const result = await ipcMain.invoke('key:set', trusted, {
      serverUrl: 'https://x.example',
      apiKey: 'short',
    });
    expect(JSON.stringify(result)).not.toContain('short');
  });

  it('turns a throwing service into INTERNAL without leaking its message', async () => {
    const { trusted } = setup('licenseGetStatus');
    const result = await ipcMain.invoke('license:get-status', trusted, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('tsk_abc');
  });

  it('removes every handler it registered', () => {
    const window = new BrowserWindow({});
    const dispose = setupIpcHandlers(
      ipcMain as unknown as IpcMain,
      recordingAgent().agent,
      () => window !== null,
    );
    expect(ipcMain.handlers.size).toBeGreaterThan(0);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
