import { describe, expect, it, vi } from 'vitest';
import { createEmbeddedServer } from '../../../src-main/electron/embedded-server';
import { devServerUrl, resolveRendererUrl } from '../../../src-main/electron/renderer-url';

describe('resolveRendererUrl', () => {
  it('loads the built index.html next to the main bundle by default', () => {
    const url = resolveRendererUrl('/opt/Tessera/resources/app.asar/dist/main', {});
    expect(url).toEqual({
      ok: true,
      value: 'file:///opt/Tessera/resources/app.asar/dist/renderer/index.html',
    });
    expect(devServerUrl('file:///x/index.html')).toBeUndefined();
  });

  it('uses a loopback dev server when asked, reduced to its origin', () => {
    expect(
      resolveRendererUrl('/d', { TESSERA_DEV_SERVER_URL: 'http://localhost:5173/some/path?q=1' }),
    ).toEqual({ ok: true, value: 'http://localhost:5173/' });
    expect(resolveRendererUrl('/d', { TESSERA_DEV_SERVER_URL: 'http://127.0.0.1:5173' })).toEqual({
      ok: true,
      value: 'http://127.0.0.1:5173/',
    });
  });

  it.each([
    'http://evil.example:5173',
    'https://localhost:5173',
    'http://user:pw@localhost:5173',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'http://localhost.evil.example',
  ])('refuses the dev server %s', (value) => {
    expect(resolveRendererUrl('/d', { TESSERA_DEV_SERVER_URL: value })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('createEmbeddedServer', () => {
  it('reports a server that cannot start as SERVER_UNAVAILABLE, and tries again next time', async () => {
    const start = vi
      .fn()
      .mockRejectedValueOnce(new Error('port in use, details with /secret/path'))
      .mockResolvedValueOnce({ url: 'http://127.0.0.1:4100', close: () => Promise.resolve() });
    const embedded = createEmbeddedServer(start, '/data');
    const first = await embedded.ensureStarted();
    expect(first).toMatchObject({ ok: false, error: { code: 'SERVER_UNAVAILABLE' } });
    expect(JSON.stringify(first)).not.toContain('/secret/path');
    await expect(embedded.ensureStarted()).resolves.toEqual({ ok: true, value: 'http://127.0.0.1:4100' });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('stopping a server that never started does nothing, and stopping twice closes once', async () => {
    const close = vi.fn(() => Promise.resolve());
    const embedded = createEmbeddedServer(
      () => Promise.resolve({ url: 'http://127.0.0.1:1', close }),
      '/data',
    );
    await embedded.stop();
    await embedded.ensureStarted();
    await embedded.stop();
    await embedded.stop();
    expect(close).toHaveBeenCalledOnce();
  });
});
