import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssuerKey, importSigningKey } from '../../shared/crypto/issuer-keys';
import { LICENSE_FORMAT_VERSION, type LicensePayload } from '../../shared/license-file/payload-schema';
import { signLicense } from '../../shared/license-file/sign-license';
import { createChainVerifier, type ChainVerifier } from '../../shared/trust/chain-verifier';
import { signKeyCertificate } from '../../shared/trust/key-certificate';
import { signRevocationList } from '../../shared/trust/revocation-list';
import type { TrustedRoot } from '../../shared/trust/trust-roots';
import { readHardwareFacts, type HardwareFacts } from '../../src-main/adapters/hardware-facts';
import {
  MACHINE_CACHE_FILE,
  snapshotFromFacts,
  type MachineSnapshot,
} from '../../src-main/adapters/hardware-probe';
import { createLicenseStore } from '../../src-main/adapters/license-store';
import { processStateSeal } from '../../src-main/adapters/process-state-seal';
import { ok } from '../../shared/result';

const DAY_MS = 86_400_000;

/** An agent data folder as a real install has it after activating KRE: machine cache + state with a signed lease. */
export interface AgentFixture {
  readonly dataDir: string;
  readonly facts: HardwareFacts;
  readonly snapshot: MachineSnapshot;
  readonly lease: string;
  /** The vendor root the lease chains to, as an agent build ships it. */
  readonly roots: ReadonlyMap<string, TrustedRoot>;
  /** A verifier over those roots (callers warm it with a first verify). */
  readonly chain: ChainVerifier;
  /** A trust roots document naming that root, for the test build's TESSERA_TEST_TRUST_ROOTS. */
  readonly rootsPath: string;
  /** The signing key's raw public key (base64), for the raw Ed25519 comparison. */
  readonly signingPublicKey: string;
}

/** Probes this machine once, signs a lease for it with a fresh root-certified key (certificate and revocation list embedded, as the server does) and writes both files. */
export async function createAgentFixture(): Promise<AgentFixture> {
  const subtle = globalThis.crypto.subtle;
  const now = Date.now();
  const facts = await readHardwareFacts();
  const snapshot = snapshotFromFacts(facts, now);
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const issuer = await createIssuerKey(subtle);
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
  const rootMaterial = await createIssuerKey(subtle);
  const rootKey = await importSigningKey(subtle, rootMaterial.privateKeyPkcs8Base64);
  const cert = await signKeyCertificate(subtle, rootKey, {
    v: 1,
    kid: issuer.kid,
    publicKey: issuer.publicKeyBase64,
    issuer: 'Bench vendor',
    rootKid: rootMaterial.kid,
    notBefore: new Date(now - DAY_MS).toISOString(),
    notAfter: new Date(now + 5 * 365 * DAY_MS).toISOString(),
  });
  const crl = await signRevocationList(subtle, rootKey, {
    v: 1,
    rootKid: rootMaterial.kid,
    serial: 1,
    issuedAt: new Date(now - DAY_MS).toISOString(),
    revoked: [],
  });
  const lease = await signLicense(subtle, key, issuer.kid, payload, cert, crl);
  const root: TrustedRoot = {
    kid: rootMaterial.kid,
    publicKey: rootMaterial.publicKeyBase64,
    name: 'Bench vendor',
    source: 'vendor',
  };
  const roots = new Map([[root.kid, root]]);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-agent-'));
  // Written through the real store, so it is sealed with the keychain secret when a keychain answers,
  // as a real install's state is after its first write.
  const written = await createLicenseStore(dataDir, Date.now, processStateSeal(dataDir)).update((state) => {
    state.lastTrustedTime = now - 60_000;
    state.leases.kre = {
      content: lease,
      licenseId: payload.licenseId,
      expiresAt: payload.expiresAt,
      refreshedAt: now,
      serverOrigin: 'http://127.0.0.1:1',
    };
    return ok({ state, value: undefined });
  });
  if (!written.ok) throw new Error(written.error.message);
  writeFileSync(join(dataDir, MACHINE_CACHE_FILE), JSON.stringify(snapshot.value));
  const rootsPath = join(dataDir, 'trust-roots.json');
  writeFileSync(
    rootsPath,
    JSON.stringify({ v: 1, roots: [{ kid: root.kid, publicKey: root.publicKey, name: root.name }] }),
  );
  return {
    dataDir,
    facts,
    snapshot: snapshot.value,
    lease,
    roots,
    rootsPath,
    chain: createChainVerifier(subtle, roots),
    signingPublicKey: issuer.publicKeyBase64,
  };
}
