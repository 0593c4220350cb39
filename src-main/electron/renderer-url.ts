// Where the window loads the UI from: the built files next to the bundle, or a local dev server.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ok, type Result } from '../../shared/result';
import { readAgentEnv } from '../config/agent-env';

/** Resolves the renderer URL from TESSERA_DEV_SERVER_URL (loopback http only) or dist/renderer/index.html. */
export const resolveRendererUrl = (mainDir: string, env: NodeJS.ProcessEnv = process.env): Result<string> => {
  const agentEnv = readAgentEnv({ TESSERA_DEV_SERVER_URL: env.TESSERA_DEV_SERVER_URL });
  if (!agentEnv.ok) return agentEnv;
  const dev = agentEnv.value.TESSERA_DEV_SERVER_URL;
  return ok(dev ?? pathToFileURL(join(mainDir, '..', 'renderer', 'index.html')).href);
};

/** The dev server origin, if the UI comes from one (the CSP then allows it). */
export const devServerUrl = (rendererUrl: string): string | undefined =>
  rendererUrl.startsWith('file:') ? undefined : rendererUrl;
