import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHardwareFacts } from '../../src-main/adapters/hardware-facts';
import { activateProduct } from '../../src-main/services/activation-service';
import { createAgentDeps } from '../../src-main/services/create-agent-deps';
import { findRoot, trustRootsDocument } from '../../src-server/keys/root-key';
import { seedOrg, seedSubscription } from '../../test/support/seed';
import { startTestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { median } from '../lib/stats';

const elapsedMs = async (op: () => Promise<{ ok: boolean }>): Promise<number> => {
  const started = process.hrtime.bigint();
  const result = await op();
  if (!result.ok) throw new Error(`activation failed: ${JSON.stringify(result)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * `agent.activate`: the agent's whole online activation (key, probe, activation and signed time,
 * lease verification, one sealed state write) in process, warm, against a loopback server (PGlite),
 * beside the same server activation sent raw by the same HTTP client, interleaved call by call.
 */
export async function benchAgentActivate(config: BenchConfig, figures: Figures): Promise<void> {
  const server = await startTestServer({ db: 'pglite', listen: true, sessionTtlSeconds: 3600 });
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-activate-'));
  try {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 100_000 });
    const facts = await readHardwareFacts();
    const workstation = async () => ({
      ...facts,
      virtualization: { systemManufacturer: 'Dell Inc.', systemModel: 'OptiPlex 7090', containerMarkers: [] },
    });
    // The agent ships this server's root, as a vendor build does (test build hook).
    const root = await findRoot(server.ctx.db);
    if (root === undefined) throw new Error('the bench server has no root');
    const rootsPath = join(dataDir, 'vendor-roots.json');
    writeFileSync(rootsPath, JSON.stringify(trustRootsDocument(root)));
    const deps = await createAgentDeps({
      dataDir,
      serverUrl: server.url ?? '',
      apiKey: org.member.apiKey,
      env: {
        ...process.env,
        TESSERA_TEST_TRUST_ROOTS: rootsPath,
        TESSERA_TEST_POLICY_PATH: join(dataDir, 'no-policy.json'),
      },
      readFacts: workstation,
    });
    if (!deps.ok) throw new Error(deps.error.message);
    const agent = deps.value;
    const machine = await agent.probe.snapshot();
    if (!machine.ok) throw new Error(machine.error.message);
    const { machineId, componentHashes, osUserHash, virtualization } = machine.value;
    const client = agent.client(server.url ?? '');
    const raw = () =>
      client.activate(org.member.apiKey, {
        productId: 'kre',
        machine: { machineId, componentHashes, osUserHash, virtualization },
      });
    for (let i = 0; i < 5; i += 1) {
      await elapsedMs(() => activateProduct(agent, 'kre'));
      await elapsedMs(raw);
    }
    // Agent, raw, raw, agent per round: each kind follows the other kind as often as itself. A raw
    // activation right after another one measured up to 2x one right after the agent's (round 4), so
    // strict alternation charged the agent for what came before the server's call.
    const rounds = Math.max(3, Math.round(config.agentIterations / 4));
    const agentTimes: number[] = [];
    const serverTimes: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      agentTimes.push(await elapsedMs(() => activateProduct(agent, 'kre')));
      serverTimes.push(await elapsedMs(raw));
      serverTimes.push(await elapsedMs(raw));
      agentTimes.push(await elapsedMs(() => activateProduct(agent, 'kre')));
    }
    const agentP50 = median(agentTimes);
    const serverP50 = median(serverTimes);
    figures.add('agent.activate', agentP50, 'ms', {
      note: 'activateProduct in process, warm, loopback PGlite server (KRE refresh)',
    });
    figures.add('agent.activate.server', serverP50, 'ms', {
      note: 'the same POST /v1/activations sent raw by the same client, interleaved (agent, raw, raw, agent)',
    });
    figures.add('agent.activate.ratio_over_server', agentP50 / serverP50, '×', {
      target: { op: '<=', value: 1.3 },
    });
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
