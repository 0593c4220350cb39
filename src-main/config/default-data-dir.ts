import { homedir } from 'node:os';
import { join } from 'node:path';

/** The OS-appropriate data folder, so state lives where each platform expects app data. */
export const defaultDataDir = (
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string => {
  if (env.TESSERA_HOME) return env.TESSERA_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tessera');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tessera');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'tessera');
};
