import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIssuerKey, importSigningKey } from '../../../shared/crypto/issuer-keys';
import { armorEnvelope } from '../../../shared/license-file/armor';
import { canonicalJson } from '../../../shared/license-file/canonical-json';
import { LICENSE_SIGNING_PREFIX } from '../../../shared/license-file/envelope';
import { signPrefixed } from '../../../shared/crypto/prefixed-signature';
import { ok } from '../../../shared/result';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe } from '../../../src-main/adapters/hardware-probe';
import { computeStatus } from '../../../src-main/services/status-service';
import { buildAgent } from '../support-agent';
import { valueOf } from '../support-online';
import { createTestIssuer, DAY_MS, type TestIssuer } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
let machineId: string;
let vendor: TestIssuer;

beforeAll(async () => {
  machineId = valueOf(await createHardwareProbe(undefined, readHardwareFacts).machineId());
  vendor = await createTestIssuer('Vendor');
});

/** A state.json as an agent that pinned keys left it: a pinned key, and files stored under it. */
const oldStateWith = async (
  dir: string,
  files: { kre: string; kse: string },
  pinned: { kid: string; publicKey: string },
) => {
  const now = Date.now();
  const state = {
    version: 1,
    lastTrustedTime: now - DAY_MS,
    issuerKeys: {
      [pinned.kid]: { publicKey: pinned.publicKey, origin: 'http://127.0.0.1:8787', pinnedAt: now - DAY_MS },
    },
    leases: {},
    offlineLicenses: Object.fromEntries(
      Object.entries(files).map(([productId, content]) => [
        productId,
        {
          content,
          licenseId: `lic-${productId}`,
          fileName: `${productId}.lic`,
          expiresAt: new Date(now + 30 * DAY_MS).toISOString(),
          importedAt: now - DAY_MS,
        },
      ]),
    ),
    sessions: {},
    notes: {},
    serverContact: null,
  };
  await writeFile(join(dir, 'state.json'), JSON.stringify(state));
};

describe('upgrading an agent that pinned issuer keys', () => {
  it('reads the old state file, drops the pins, keeps a file a shipped root certifies and refuses one only a pin vouched for', async () => {
    const dir = await tempDir();
    const pinned = await createIssuerKey(globalThis.crypto.subtle);
    const pinnedKey = await importSigningKey(globalThis.crypto.subtle, pinned.privateKeyPkcs8Base64);
    const now = Date.now();
    // A file of the old format: no certificate, only the pinned key vouched for it.
    const payload = canonicalJson({
      v: 1,
      licenseId: 'lic-kse',
      kind: 'offline',
      productId: 'kse',
      licenseKind: 'per-user',
      organizationId: '5f0c6a52-8d5b-4bb6-9d38-2b3c1d9e0a11',
      organizationName: 'Acme QA',
      machineId,
      issuedAt: new Date(now - DAY_MS).toISOString(),
      notBefore: new Date(now - DAY_MS).toISOString(),
      expiresAt: new Date(now + 30 * DAY_MS).toISOString(),
      features: [],
    });
    const sig = await signPrefixed(globalThis.crypto.subtle, pinnedKey, LICENSE_SIGNING_PREFIX, payload);
    const pinnedOnly = armorEnvelope({ alg: 'Ed25519', kid: pinned.kid, payload, sig });
    const certified = await vendor.sign({ machineId, productId: 'kre', licenseKind: 'session' });
    await oldStateWith(
      dir,
      { kre: certified, kse: pinnedOnly },
      { kid: pinned.kid, publicKey: pinned.publicKeyBase64 },
    );
    const deps = await buildAgent(dir, {
      env: { TESSERA_TEST_TRUST_ROOTS: await vendor.writeRootsFile(dir) },
    });
    const products = valueOf(await computeStatus(deps)).products;
    expect(products.find((p) => p.productId === 'kre')).toMatchObject({ canRun: true, trust: 'vendor' });
    expect(products.find((p) => p.productId === 'kse')).toMatchObject({
      canRun: false,
      reason: { code: 'UNTRUSTED_ISSUER' },
    });
    valueOf(await deps.store.update((state) => ok({ state, value: undefined })));
    const written = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    expect(written.issuerKeys).toBeUndefined();
    expect(written.revocations).toEqual({});
    expect(Object.keys(written.offlineLicenses).sort()).toEqual(['kre', 'kse']);
  });
});
