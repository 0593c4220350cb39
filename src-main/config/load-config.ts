import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { agentConfigSchema, storedConfigSchema, type AgentConfig, type StoredConfig } from './config-schema';
import { readAgentEnv } from './agent-env';
import { defaultDataDir } from './default-data-dir';
import { writeFileAtomic } from '../adapters/atomic-file';
import { ensurePrivateFolder } from '../adapters/private-folder';
import { hasErrorCode, mainLog } from '../adapters/error-log';

/** File holding the user's persisted settings inside the data folder. */
export const CONFIG_FILE = 'config.json';

/** Reads config.json (empty when absent); a damaged file is reported, not ignored. */
export const readStoredConfig = async (dataDir: string): Promise<Result<StoredConfig>> => {
  let text: string;
  try {
    text = await readFile(join(dataDir, CONFIG_FILE), 'utf8');
  } catch (error) {
    // No settings saved yet is the normal first run; any other failure must not lose the saved server.
    if (hasErrorCode(error, 'ENOENT')) return ok({});
    mainLog().error({ err: error }, 'The settings file could not be read');
    return fail(
      'VALIDATION_FAILED',
      `The settings file ${join(dataDir, CONFIG_FILE)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions or delete it.`,
    );
  }
  try {
    const parsed = storedConfigSchema.safeParse(JSON.parse(text));
    if (parsed.success) return ok(parsed.data);
  } catch (error) {
    // Only a JSON syntax error is expected here; it is reported below like a schema failure.
    if (!(error instanceof SyntaxError)) throw error;
  }
  return fail(
    'VALIDATION_FAILED',
    `The settings file ${join(dataDir, CONFIG_FILE)} is not valid; fix or delete it.`,
  );
};

/** Resolves the configuration from overrides, env (TESSERA_HOME, TESSERA_SERVER_URL, TESSERA_API_KEY) and config.json. */
export const loadConfig = async (
  overrides: { dataDir?: string; serverUrl?: string; apiKey?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result<AgentConfig>> => {
  const dataDir = overrides.dataDir ?? defaultDataDir(env);
  const stored = await readStoredConfig(dataDir);
  if (!stored.ok) return stored;
  const agentEnv = readAgentEnv(env);
  if (!agentEnv.ok) return agentEnv;
  const timeout = agentEnv.value.TESSERA_TIMEOUT_MS;
  const parsed = agentConfigSchema.safeParse({
    dataDir,
    serverUrl: overrides.serverUrl ?? (env.TESSERA_SERVER_URL || undefined) ?? stored.value.serverUrl,
    requestTimeoutMs: timeout,
    serverMode: stored.value.serverMode,
    apiKey: overrides.apiKey ?? (env.TESSERA_API_KEY || undefined),
  });
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  const folder = ensurePrivateFolder(dataDir);
  if (!folder.ok) return folder;
  return ok(parsed.data);
};

/** Persists the server choice (`tessera login --server`, the app's settings), so later runs reuse it. */
export const saveServerChoice = async (
  dataDir: string,
  choice: { mode: 'remote'; url: string } | { mode: 'embedded' },
): Promise<Result<string | undefined>> => {
  let serverUrl: string | undefined;
  if (choice.mode === 'remote') {
    const parsed = agentConfigSchema.shape.serverUrl.safeParse(choice.url);
    if (!parsed.success || parsed.data === undefined) {
      return fail('VALIDATION_FAILED', 'The server URL must be an http:// or https:// address.');
    }
    serverUrl = parsed.data;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const stored: StoredConfig =
    serverUrl === undefined ? { serverMode: 'embedded' } : { serverUrl, serverMode: 'remote' };
  await writeFileAtomic(join(dataDir, CONFIG_FILE), `${JSON.stringify(stored, null, 2)}\n`);
  return ok(serverUrl);
};
