import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { StagedFactsReader } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe, snapshotFromFacts } from '../../../src-main/adapters/hardware-probe';
import type { LicenseServerClient } from '../../../src-main/adapters/license-server-client';
import type { SecretStore } from '../../../src-main/adapters/secret-store';
import type { ActivationRequest } from '../../../shared/contracts/http/activations';
import { fail, ok } from '../../../shared/result';
import { activateProduct } from '../../../src-main/services/activation-service';
import type { AgentDeps } from '../../../src-main/services/agent-deps';
import { buildAgent } from '../support-agent';
import { details, identityFacts } from '../support-hardware-facts';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

/** A staged reader whose details (disk serial, MAC) arrive only when the test releases them. */
const heldDetails = () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const reader: StagedFactsReader = {
    identity: async () => identityFacts,
    details: async (facts) => {
      await released;
      return { ...facts, components: { ...facts.components, ...details } };
    },
  };
  return { reader, release };
};

/** An in-memory keychain, so the test needs no Secret Service. */
const memoryKeychain = (): SecretStore => {
  const secrets = new Map<string, string>();
  return {
    isAvailable: async () => true,
    get: async (account) => ok(secrets.get(account) ?? null),
    set: async (account, secret) => {
      secrets.set(account, secret);
      return ok(undefined);
    },
    delete: async (account) => ok(secrets.delete(account)),
  };
};

/** A server that records what activation sends and cannot be reached (so nothing else matters). */
const recordingClient = (sent: ActivationRequest[]) => (): LicenseServerClient =>
  ({
    baseUrl: 'http://127.0.0.1:9',
    activate: async (_key: string, body: ActivationRequest) => {
      sent.push(body);
      return fail('SERVER_UNREACHABLE', 'The license server cannot be reached.');
    },
    time: async () => fail('SERVER_UNREACHABLE', 'The license server cannot be reached.'),
  }) as unknown as LicenseServerClient;

describe('activation sends a well-defined machine', () => {
  it('R12 sends the complete snapshot (disk and MAC hashes too) even right after a cold start whose details are still being read', async () => {
    const dir = await tempDir();
    const keychain = memoryKeychain();
    const base = await buildAgent(dir, {
      serverUrl: 'http://127.0.0.1:9',
      apiKey: 'tsr_test_key',
      secrets: () => keychain,
    });
    const { reader, release } = heldDetails();
    const probe = createHardwareProbe(dir, reader);
    const sent: ActivationRequest[] = [];
    const deps: AgentDeps = Object.create(base, {
      probe: { value: probe },
      client: { value: recordingClient(sent) },
    }) as AgentDeps;
    // The cold start answered from the identity facts alone; the details are still held back.
    const cold = await probe.snapshot();
    expect(cold.ok && Object.keys(cold.value.componentHashes)).not.toContain('primaryMac');
    const activation = activateProduct(deps, 'kse');
    // Every step before sending that does not wait for the hardware has had its turn.
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const refused = await activation;
    expect(refused.ok || refused.error.code).toBe('SERVER_UNREACHABLE');
    const whole = snapshotFromFacts(
      { ...identityFacts, components: { ...identityFacts.components, ...details } },
      0,
    );
    if (!whole.ok) throw new Error(whole.error.message);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.machine.machineId).toBe(whole.value.machineId);
    expect(sent[0]?.machine.componentHashes).toEqual(whole.value.componentHashes);
    // The refusal still wrote whether the server answered (the activation's one write).
    const state = await deps.store.load();
    expect(state.ok && state.value.serverContact?.reachable).toBe(false);
  });

  it('a state file edited outside Tessera does not stop an activation: it is moved aside and the one write follows', async () => {
    const dir = await tempDir();
    const keychain = memoryKeychain();
    const base = await buildAgent(dir, {
      serverUrl: 'http://127.0.0.1:9',
      apiKey: 'tsr_test_key',
      secrets: () => keychain,
      readFacts: async () => identityFacts,
    });
    const sent: ActivationRequest[] = [];
    const deps: AgentDeps = Object.create(base, { client: { value: recordingClient(sent) } }) as AgentDeps;
    await activateProduct(deps, 'kse');
    // Lowering the trusted time by hand breaks the seal of the file the activation wrote.
    const written = JSON.parse(await readFile(deps.store.path, 'utf8')) as { lastTrustedTime: number };
    await writeFile(deps.store.path, JSON.stringify({ ...written, lastTrustedTime: 1 }));
    const again = await activateProduct(deps, 'kse');
    expect(again.ok || again.error.code).toBe('SERVER_UNREACHABLE');
    expect((await readdir(dir)).some((name) => name.startsWith('state.json.tampered-'))).toBe(true);
    const state = await deps.store.load();
    expect(state.ok && state.value.serverContact?.reachable).toBe(false);
    expect(sent).toHaveLength(2);
  });
});
