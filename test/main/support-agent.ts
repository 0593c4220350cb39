import { createAgentDeps, type AgentOptions } from '../../src-main/services/create-agent-deps';
import type { AgentDeps } from '../../src-main/services/agent-deps';

/** Builds a real agent in a temp data folder (real store, probe, keychain adapter), failing loudly if it cannot. */
export const buildAgent = async (dataDir: string, options: AgentOptions = {}): Promise<AgentDeps> => {
  const deps = await createAgentDeps({
    dataDir,
    ...options,
    env: { ...process.env, TESSERA_SERVER_URL: '', ...options.env },
  });
  if (!deps.ok) throw new Error(deps.error.message);
  return deps.value;
};
