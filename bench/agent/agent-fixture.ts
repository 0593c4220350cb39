import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssuerKey, importSigningKey } from '../../shared/crypto/issuer-keys';
import { LICENSE_FORMAT_VERSION, type LicensePayload } from '../../shared/license-file/payload-schema';
import { signLicense } from '../../shared/license-file/sign-license';
import { readHardwareFacts, type HardwareFacts } from '../../src-main/adapters/hardware-facts';
import {
  MACHINE_CACHE_FILE,
  snapshotFromFacts,
  type MachineSnapshot,
} from '../../src-main/adapters/hardware-probe';
import { STATE_FILE } from '../../src-main/adapters/license-store';
import { emptyState } from '../../src-main/adapters/store-schema';
import { signKeyCertificate } from '../../shared/trust/key-certificate';
import type { TrustedRoot } from '../../shared/trust/trust-roots';

const DAY_MS = 86_400_000;

/** An agent data folder as a real install has it after activating KRE: machine cache + state with a signed lease. */
export interface AgentFixture {
  readonly dataDir: string;
  readonly facts: HardwareFacts;
  readonly snapshot: MachineSnapshot;
  readonly lease: string;
  /** The root that certifies the lease's signing key (what a vendor build ships). */
  readonly roots: ReadonlyMap<string, TrustedRoot>;
  /** A trust roots document naming that root, for the test build's TESSERA_TEST_TRUST_ROOTS. */
  readonly rootsPath: string;
}

/** Probes this machine once, signs a lease for it with a fresh certified issuer key and writes the files. */
export async function createAgentFixture(): Promise<AgentFixture> {
  const subtle = globalThis.crypto.subtle;
  const now = Date.now();
  const facts = await readHardwareFacts();
  const snapshot = snapshotFromFacts(facts, now);
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const [root, issuer] = [await createIssuerKey(subtle), await createIssuerKey(subtle)];
  const cert = await signKeyCertificate(subtle, await importSigningKey(subtle, root.privateKeyPkcs8Base64), {
    v: 1,
    kid: issuer.kid,
    publicKey: issuer.publicKeyBase64,
    issuer: 'Bench vendor',
    rootKid: root.kid,
    notBefore: new Date(now - DAY_MS).toISOString(),
    notAfter: new Date(now + 365 * DAY_MS).toISOString(),
  });
  const payload: LicensePayload = {
    v: LICENSE_FORMAT_VERSION,
    licenseId: randomUUID(),
    kind: 'lease',
    productId: 'kre',
    licenseKind: 'session',
    organizationId: randomUUID(),
    organizationName: 'Bench org',
    machineId: snapshot.value.machineId,
    issuedAt: new Date(now - 60_000).toISOString(),
    notBefore: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 7 * DAY_MS).toISOString(),
    features: [],
  };
  const key = await importSigningKey(subtle, issuer.privateKeyPkcs8Base64);
  const lease = await signLicense(subtle, key, issuer.kid, payload, cert);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-agent-'));
  const state = emptyState();
  state.lastTrustedTime = now - 60_000;
  state.leases.kre = {
    content: lease,
    licenseId: payload.licenseId,
    expiresAt: payload.expiresAt,
    refreshedAt: now,
    serverOrigin: 'http://127.0.0.1:1',
  };
  writeFileSync(join(dataDir, STATE_FILE), JSON.stringify(state));
  writeFileSync(join(dataDir, MACHINE_CACHE_FILE), JSON.stringify(snapshot.value));
  const trusted = { kid: root.kid, publicKey: root.publicKeyBase64, name: 'Bench vendor' };
  const rootsPath = join(dataDir, 'trust-roots.json');
  writeFileSync(rootsPath, JSON.stringify({ v: 1, roots: [trusted] }));
  return {
    dataDir,
    facts,
    snapshot: snapshot.value,
    lease,
    roots: new Map([[root.kid, { ...trusted, source: 'vendor' as const }]]),
    rootsPath,
  };
}
