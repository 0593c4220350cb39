import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64, utf8Bytes } from '../../shared/crypto/bytes';
import { importVerifyKey } from '../../shared/crypto/issuer-keys';
import { ED25519, type SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import { dearmorEnvelope } from '../../shared/license-file/armor';
import { LICENSE_SIGNING_PREFIX } from '../../shared/license-file/envelope';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { createChainVerifier } from '../../shared/trust/chain-verifier';
import { deriveMachineId } from '../../shared/machine-id/derive-machine-id';
import { createHardwareProbe } from '../../src-main/adapters/hardware-probe';
import { readHardwareFacts, readIdentityFacts } from '../../src-main/adapters/hardware-facts';
import { createAgentDeps } from '../../src-main/services/create-agent-deps';
import { computeStatus } from '../../src-main/services/status-service';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { median, percentile, timeEach } from '../lib/stats';
import { createAgentFixture } from './agent-fixture';
import { ensureCliBundle } from './startup-bench';

/**
 * The agent's local costs: hardware probe cold (no cache file) and warm (cache file), machine-ID
 * derivation, license-file verification, status from local state at start, and `tessera status` wall time.
 */
export async function benchAgent(config: BenchConfig, figures: Figures): Promise<void> {
  const n = config.agentIterations;
  const fixture = await createAgentFixture();
  try {
    // Timed: the answer (identity read, ID, machine.json). Not timed: the details it completes in the
    // background, awaited so one probe's tools never overlap the next one's measurement.
    const coldRuns = Math.max(3, Math.round(n / 20));
    const cold: number[] = [];
    const complete: number[] = [];
    for (let run = 0; run < coldRuns; run += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-probe-'));
      const probe = createHardwareProbe(dir);
      const started = performance.now();
      const snapshot = await probe.snapshot();
      cold.push(performance.now() - started);
      const full = await probe.complete();
      complete.push(performance.now() - started);
      rmSync(dir, { recursive: true, force: true });
      if (!snapshot.ok) throw new Error(snapshot.error.message);
      if (!full.ok || full.value.machineId !== snapshot.value.machineId)
        throw new Error('details changed the ID');
    }
    figures.add('agent.probe.cold', median(cold), 'ms', {
      target: { op: '<=', value: 300 },
      note: 'no machine.json; reads what the ID needs (direct files on x86 Linux)',
    });
    figures.add('agent.probe.cold.complete', median(complete), 'ms', {
      note: 'until the background details (disk, MAC, platform names) are in',
    });
    const identityRead = await timeEach(coldRuns, () => readIdentityFacts());
    figures.add('agent.probe.identity-read', median(identityRead), 'ms', { note: 'readIdentityFacts alone' });
    const facts = async () => fixture.facts;
    const warm = await timeEach(n, async () => {
      const snapshot = await createHardwareProbe(fixture.dataDir, facts).snapshot();
      if (!snapshot.ok) throw new Error(snapshot.error.message);
    });
    figures.add('agent.probe.warm', median(warm), 'ms', { note: 'machine.json present' });
    const raw = await timeEach(Math.max(3, Math.round(n / 20)), () => readHardwareFacts());
    figures.add('agent.probe.os-read', median(raw), 'ms', {
      note: 'readHardwareFacts alone (identity + details)',
    });
    const derive = await timeEach(n * 10, () =>
      deriveMachineId(fixture.snapshot.componentHashes, 'bench', process.platform),
    );
    figures.add('agent.machine-id.derive', median(derive) * 1000, 'µs/op');
    const verifyOptions = {
      expectedMachineId: fixture.snapshot.machineId,
      expectedProductId: 'kre',
      now: Date.now(),
    };
    // Counts the Ed25519 verifications a warm verify performs (the chain's caches answer the rest).
    let verifications = 0;
    const subtle: SubtleCryptoPort = globalThis.crypto.subtle;
    const counting: SubtleCryptoPort = {
      importKey: (...args) => subtle.importKey(...args),
      exportKey: (...args) => subtle.exportKey(...args),
      generateKey: (...args) => subtle.generateKey(...args),
      sign: (...args) => subtle.sign(...args),
      verify: (...args) => {
        verifications += 1;
        return subtle.verify(...args);
      },
    };
    const countedChain = createChainVerifier(counting, fixture.roots);
    const first = await verifyLicense(countedChain, fixture.lease, verifyOptions);
    if (!first.ok) throw new Error(first.error.message);
    verifications = 0;
    const again = await verifyLicense(countedChain, fixture.lease, verifyOptions);
    if (!again.ok) throw new Error(again.error.message);
    const perVerify = verifications;
    const envelope = dearmorEnvelope(fixture.lease);
    const signingKey = await importVerifyKey(subtle, fixture.signingPublicKey);
    const signature = envelope.ok ? fromBase64(envelope.value.sig) : undefined;
    if (!envelope.ok || signingKey === undefined || signature === undefined) throw new Error('bench fixture');
    const signed = utf8Bytes(LICENSE_SIGNING_PREFIX + envelope.value.payload);
    // Side by side: batches of the full verify and of the raw verifications alternate in one loop.
    const verify: number[] = [];
    const rawVerify: number[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      verify.push(
        ...(await timeEach(Math.ceil(n / 2), async () => {
          const result = await verifyLicense(fixture.chain, fixture.lease, verifyOptions);
          if (!result.ok) throw new Error(result.error.message);
        })),
      );
      rawVerify.push(
        ...(await timeEach(Math.ceil(n / 2), async () => {
          if (!(await subtle.verify(ED25519, signingKey, signature, signed)))
            throw new Error('raw Ed25519 verify failed');
        })),
      );
    }
    figures.add('agent.license.verify', median(verify) * 1000, 'µs/op', {
      target: { op: '<=', value: 500 },
      note: 'warm chain verifier: lease with certificate and revocation list',
    });
    figures.add('agent.license.verify.raw-ed25519', median(rawVerify) * 1000, 'µs/op', {
      note: 'one WebCrypto Ed25519 verify of the same lease, interleaved with the figure above',
    });
    figures.add('agent.license.verify.ed25519-per-call', perVerify, 'count', {
      note: 'Ed25519 verifications a warm verify performs (certificate and list come from the cache)',
    });
    figures.add(
      'agent.license.verify.ratio_over_raw',
      median(verify) / (Math.max(1, perVerify) * median(rawVerify)),
      '×',
      { target: { op: '<=', value: 2 }, note: 'verify ÷ (raw Ed25519 × verifications it performs)' },
    );
    const coldChain = await timeEach(n, async () => {
      const chain = createChainVerifier(subtle, fixture.roots);
      const result = await verifyLicense(chain, fixture.lease, verifyOptions);
      if (!result.ok) throw new Error(result.error.message);
    });
    figures.add('agent.license.verify.cold-chain', median(coldChain) * 1000, 'µs/op', {
      note: 'new verifier per file: root import + certificate + list + file signatures',
    });
    // The agent ships the fixture's root, as a vendor build does (test build hook).
    const env = {
      ...process.env,
      TESSERA_HOME: fixture.dataDir,
      TESSERA_TEST_TRUST_ROOTS: fixture.rootsPath,
    };
    const atStart = await timeEach(n, async () => {
      const deps = await createAgentDeps({ dataDir: fixture.dataDir, env, readFacts: facts });
      if (!deps.ok) throw new Error(deps.error.message);
      const status = await computeStatus(deps.value);
      if (!status.ok || status.value.products[0]?.canRun !== true)
        throw new Error('fixture status is not "may run"');
    });
    figures.add('agent.status.at-start.warm', median(atStart), 'ms', { target: { op: '<=', value: 5 } });
    figures.add('agent.status.at-start.warm.p95', percentile(atStart, 95), 'ms');
    const CLI = ensureCliBundle();
    const wall = await timeEach(Math.max(3, Math.round(n / 40)), () =>
      execFileSync(process.execPath, [CLI, '--data-dir', fixture.dataDir, 'status'], { env, stdio: 'pipe' }),
    );
    figures.add('agent.cli.status.wall', median(wall), 'ms', {
      note: 'node + bundled CLI (dist/cli/tessera.mjs), to exit',
    });
  } finally {
    // Background probes may still be writing machine.json; a leftover temp folder must not hide an error.
    try {
      rmSync(fixture.dataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // left in the temp folder
    }
  }
}
