// Where the window loads the UI from: the built files next to the bundle, or a local dev server.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, ok, type Result } from '../../shared/result';

/** The dev server must be on loopback: anything else would hand the window's trust to another host. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Resolves the renderer URL from TESSERA_DEV_SERVER_URL (loopback http only) or dist/renderer/index.html. */
export const resolveRendererUrl = (mainDir: string, env: NodeJS.ProcessEnv = process.env): Result<string> => {
  const dev = env.TESSERA_DEV_SERVER_URL;
  if (dev === undefined || dev === '')
    return ok(pathToFileURL(join(mainDir, '..', 'renderer', 'index.html')).href);
  const url = URL.canParse(dev) ? new URL(dev) : null;
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    return fail(
      'VALIDATION_FAILED',
      'TESSERA_DEV_SERVER_URL must be an http:// address on localhost or 127.0.0.1.',
    );
  }
  return ok(`${url.origin}/`);
};

/** The dev server origin, if the UI comes from one (the CSP then allows it). */
export const devServerUrl = (rendererUrl: string): string | undefined =>
  rendererUrl.startsWith('file:') ? undefined : rendererUrl;
