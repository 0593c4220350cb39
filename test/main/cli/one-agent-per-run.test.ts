import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe } from '../../../src-main/adapters/hardware-probe';
import { runCli } from '../../../src-main/cli/tessera';
import type * as AgentDepsModule from '../../../src-main/services/create-agent-deps';
import { createTestIssuer } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';

// Counts how often a CLI run builds the agent (config, trust roots, store, keychain, probe).
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src-main/services/create-agent-deps', async (importOriginal) => {
  const real = await importOriginal<typeof AgentDepsModule>();
  return {
    ...real,
    createAgentDeps: (...args: Parameters<typeof real.createAgentDeps>) => {
      built.count += 1;
      return real.createAgentDeps(...args);
    },
  };
});

const tempDir = useTempDirs();
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('one CLI call, one agent', () => {
  it('R5 `tessera import` builds the agent once, for the import and the status it prints after', async () => {
    const dir = await tempDir();
    const issuer = await createTestIssuer();
    const facts = await readHardwareFacts();
    const machineId = await createHardwareProbe(undefined, async () => facts).machineId();
    if (!machineId.ok) throw new Error(machineId.error.message);
    const file = join(dir, 'KSE_this.lic');
    await writeFile(file, await issuer.sign({ machineId: machineId.value }));
    process.env.TESSERA_TEST_TRUST_ROOTS = await issuer.writeRootsFile(dir);
    process.env.TESSERA_TEST_POLICY_PATH = join(dir, 'no-policy.json');
    process.env.TESSERA_SERVER_URL = '';
    built.count = 0;
    const code = await runCli([
      'node',
      'tessera',
      '--quiet',
      '--data-dir',
      join(dir, 'agent'),
      'import',
      file,
    ]);
    expect(code).toBe(0);
    expect(built.count).toBe(1);
  });
});
