// A real agent (src-main/services over the real store, probe and keychain) in a throwaway data folder.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentBridge } from '../../../shared/contracts/ipc';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import type { KeyHandover } from '../../../src-main/adapters/key-handover';
import { createAgentApi } from '../../../src-main/services/agent-api';
import { createAgentDeps } from '../../../src-main/services/create-agent-deps';
import { createSessionManager } from '../../../src-main/services/session-service';

/** How the agent sees its machine: the test box as it is (a container), or presented as a workstation. */
export interface E2eAgentOptions {
  readonly osUser?: string;
  readonly realVirtualization?: boolean;
  /** Stands in for the desktop app's key window (Electron cannot run here): where a member's new key goes. */
  readonly keyHandover?: KeyHandover;
}

/** The real hardware facts with the virtualization hints of a physical desktop (the test box is a container). */
const asWorkstation = (osUser?: string) => async () => {
  const facts = await readHardwareFacts();
  return {
    ...facts,
    osUser: osUser ?? facts.osUser,
    virtualization: { systemManufacturer: 'Dell Inc.', systemModel: 'OptiPlex 7090', containerMarkers: [] },
  };
};

/** Builds an agent with no server chosen and no key stored: the first-run state. */
export async function createE2eAgent(options: E2eAgentOptions = {}): Promise<AgentBridge> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-e2e-agent-'));
  const deps = await createAgentDeps({
    dataDir,
    account: `e2e-${randomUUID()}`,
    env: { ...process.env, TESSERA_SERVER_URL: '' },
    ...(options.realVirtualization ? {} : { readFacts: asWorkstation(options.osUser) }),
    ...(options.keyHandover ? { keyHandover: options.keyHandover } : {}),
  });
  if (!deps.ok) throw new Error(deps.error.message);
  return createAgentApi(deps.value, createSessionManager(deps.value));
}

/** An agent already pointed at `url` with `apiKey` stored, through the same contract calls the UI makes. */
export async function signedInE2eAgent(
  url: string,
  apiKey: string,
  options: E2eAgentOptions = {},
): Promise<AgentBridge> {
  const agent = await createE2eAgent(options);
  const chosen = await agent.serverSetConfig({ mode: 'remote', url });
  if (!chosen.ok) throw new Error(chosen.error.message);
  const keyed = await agent.keySet({ serverUrl: url, apiKey });
  if (!keyed.ok) throw new Error(keyed.error.message);
  return agent;
}
