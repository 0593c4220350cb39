import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import {
  BrowserWindow,
  makeEvent,
  resetElectronMock,
  session,
  shell,
  WebContentsMock,
} from './electron-mock';
import { createMainWindow, hardenWebContents } from '../../../src-main/electron/window';
import { HARDENED_WEB_PREFERENCES } from '../../../src-main/electron/hardened-web-preferences';
import { setupSessionSecurity } from '../../../src-main/electron/session-security';
import type { Session, WebContents } from 'electron';

const asContents = (mock: WebContentsMock): WebContents => mock as unknown as WebContents;

describe('createMainWindow', () => {
  beforeEach(resetElectronMock);

  it('isolates and sandboxes the renderer with no Node access', () => {
    createMainWindow({ preloadPath: '/app/dist/main/preload.cjs' });
    const prefs = BrowserWindow.instances[0]?.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      ...HARDENED_WEB_PREFERENCES,
      devTools: false,
    });
  });

  it('shows the window only once painted', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs' });
    const mock = BrowserWindow.instances[0];
    expect(mock?.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(mock?.show).toHaveBeenCalledOnce();
  });
});

describe('hardenWebContents', () => {
  beforeEach(resetElectronMock);

  it('denies every navigation, even to the app’s own origin', () => {
    const contents = new WebContentsMock();
    hardenWebContents(asContents(contents));
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'file:///app/dist/renderer/index.html',
    ]) {
      const event = makeEvent(url);
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('hands an allow-listed https link to the browser instead of navigating', () => {
    const contents = new WebContentsMock();
    hardenWebContents(asContents(contents));
    const event = makeEvent('https://docs.katalon.com/');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.katalon.com/');
  });

  it('denies redirects and webviews', () => {
    const contents = new WebContentsMock();
    hardenWebContents(asContents(contents));
    const redirect = makeEvent('https://evil.example/');
    const webview = makeEvent();
    contents.emit('will-redirect', redirect);
    contents.emit('will-attach-webview', webview);
    expect(redirect.defaultPrevented).toBe(true);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every new window and opens only allow-listed https URLs externally', () => {
    const contents = new WebContentsMock();
    hardenWebContents(asContents(contents));
    const open = contents.openHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://docs.katalon.com/x' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://docs.katalon.com@evil.example/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.katalon.com/x');
  });
});

describe('setupSessionSecurity', () => {
  beforeEach(resetElectronMock);

  it('replaces any CSP header of a response with the app’s policy', () => {
    setupSessionSecurity(session.defaultSession as unknown as Session, "default-src 'none'");
    const callback = vi.fn();
    session.defaultSession.headersListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'none'"] },
    });
  });

  it('grants no permission request or check', () => {
    setupSessionSecurity(session.defaultSession as unknown as Session, "default-src 'none'");
    const granted = vi.fn();
    session.defaultSession.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.defaultSession.permissionCheck?.()).toBe(false);
  });
});
