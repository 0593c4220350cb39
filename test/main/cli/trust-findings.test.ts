// Where the agent's trust comes from, through the real CLI (tsx, source build with its test hooks), the
// real keychain and real servers on loopback. The agent here is a "vendor build": its shipped roots are
// the vendor server's root (TESSERA_TEST_TRUST_ROOTS). TESSERA_TRUSTED_ISSUERS is also set, with the
// vendor's signing key in the old format, so the same steps reproduce each finding on an agent that
// still pins keys (where they pass the forged files and these tests fail).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSigningKey } from '../../../shared/crypto/issuer-keys';
import { signLicense } from '../../../shared/license-file/sign-license';
import { dearmorEnvelope } from '../../../shared/license-file/armor';
import { startTestServer, type TestServer } from '../../support/test-server';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { runTessera } from '../support-cli';
import { createTestIssuer, DAY_MS } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';
import { vendorTrustEnv } from '../support-vendor-roots';

const tempDir = useTempDirs();
const KRE = { productId: 'kre', kind: 'session', quota: 2, machineQuota: 5 };

interface World {
  server: TestServer;
  org: SeededOrg;
  url: string;
}
const startWorld = async (): Promise<World> => {
  const server = await startTestServer({ db: 'pglite', listen: true });
  const org = await seedOrg(server.ctx);
  await seedSubscription(server.ctx, org.orgId, KRE);
  return { server, org, url: server.url ?? '' };
};

let vendor: World;
let own: World;
let env: () => Promise<NodeJS.ProcessEnv>;
let trustDir: string;
beforeAll(async () => {
  [vendor, own] = await Promise.all([startWorld(), startWorld()]);
  trustDir = await mkdtemp(join(tmpdir(), 'tessera-vendor-build-'));
  const trust = await vendorTrustEnv(vendor.server, trustDir);
  env = async () => ({ ...trust, TESSERA_HOME: await tempDir() });
});
afterAll(async () => {
  await vendor?.server.close();
  await own?.server.close();
  if (trustDir) await rm(trustDir, { recursive: true, force: true });
});

const machineIdOf = async (home: NodeJS.ProcessEnv) => (await runTessera(['machine-id'], home)).stdout.trim();

const offlineFile = async (world: World, machineId: string, dir: string): Promise<string> => {
  const answer = await fetch(`${world.url}/v1/orgs/${world.org.orgId}/offline-licenses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.org.owner.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ productId: 'kre', machineId }),
  });
  const body = (await answer.json()) as { content: string; fileName: string };
  if (!answer.ok) throw new Error(JSON.stringify(body));
  const path = join(dir, body.fileName);
  await writeFile(path, body.content);
  return path;
};

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

// Each CLI run starts Node with tsx (seconds on a busy machine); a finding takes up to eight runs.
const SLOW = 240_000;

describe('the agent trusts only its roots (vendor build)', () => {
  it(
    'finding 1: a server the user started themselves grants nothing, not even after going back to the real server',
    async () => {
      const home = await env();
      const machineId = await machineIdOf(home);
      expect((await runTessera(['login', '--server', own.url], home, own.org.owner.apiKey)).code).toBe(0);
      const activated = await runTessera(['activate', 'kre'], home);
      expect(activated.code).toBe(3);
      expect(lastLine(activated.stderr)).toMatch(/fingerprint [0-9a-f]{16}.*\(UNTRUSTED_ISSUER\)$/);
      await runTessera(['deactivate', 'kre'], home);
      const file = await offlineFile(own, machineId, home.TESSERA_HOME ?? '');
      expect((await runTessera(['login', '--server', vendor.url], home, vendor.org.owner.apiKey)).code).toBe(
        0,
      );
      const imported = await runTessera(['import', file], home);
      expect(imported.code).toBe(3);
      expect(lastLine(imported.stderr)).toMatch(/\(UNTRUSTED_ISSUER\)$/);
      expect(imported.stdout).not.toContain('may run');
      const status = JSON.parse((await runTessera(['status', '--json'], home)).stdout);
      expect(status.products.filter((p: { canRun: boolean }) => p.canRun)).toEqual([]);
    },
    SLOW,
  );

  it(
    'finding 2: a server claiming the shipped key id for its own key changes nothing: vendor files verify, its files do not',
    async () => {
      const home = await env();
      const machineId = await machineIdOf(home);
      const keys = (await (await fetch(`${vendor.url}/v1/issuer-keys`)).json()) as {
        keys: { kid: string; publicKey: string }[];
      };
      const shippedKid = keys.keys[0]?.kid ?? '';
      const attacker = await createTestIssuer('Attacker');
      const attackerKey = await importSigningKey(
        globalThis.crypto.subtle,
        attacker.key.privateKeyPkcs8Base64,
      );
      const genuine = await offlineFile(vendor, machineId, home.TESSERA_HOME ?? '');
      const genuineCert = dearmorEnvelope(await readFile(genuine, 'utf8'));
      if (!genuineCert.ok || !genuineCert.value.cert) throw new Error('vendor files carry their certificate');
      const forge = (cert = attacker.cert) =>
        signLicense(
          globalThis.crypto.subtle,
          attackerKey,
          shippedKid,
          {
            v: 1,
            licenseId: randomUUID(),
            kind: 'offline',
            productId: 'kre',
            licenseKind: 'session',
            organizationId: vendor.org.orgId,
            organizationName: 'Forged',
            machineId,
            issuedAt: new Date(Date.now() - DAY_MS).toISOString(),
            notBefore: new Date(Date.now() - DAY_MS).toISOString(),
            expiresAt: '2099-01-01T00:00:00.000Z',
            features: [],
          },
          cert,
        );
      const shadow: FastifyInstance = Fastify();
      shadow.get('/v1/issuer-keys', async () => ({
        keys: [
          {
            kid: shippedKid,
            alg: 'Ed25519',
            publicKey: attacker.key.publicKeyBase64,
            active: true,
            createdAt: new Date().toISOString(),
            certificate: attacker.cert,
            notBefore: new Date(Date.now() - DAY_MS).toISOString(),
            notAfter: '2100-01-01T00:00:00.000Z',
            revoked: false,
          },
        ],
      }));
      // An attacker's server accepts any key, so login succeeds against it.
      shadow.get('/v1/me', async () => ({
        user: { id: randomUUID(), email: 'someone@shadow.test', name: 'Someone' },
        organizations: [],
      }));
      shadow.post('/v1/activations', async () => ({
        activationId: randomUUID(),
        organizationId: vendor.org.orgId,
        productId: 'kre',
        licenseKind: 'session',
        machineId,
        lease: await forge(),
        leaseExpiresAt: '2099-01-01T00:00:00.000Z',
        session: null,
        endedSessions: [],
      }));
      const shadowUrl = await shadow.listen({ host: '127.0.0.1', port: 0 });
      try {
        expect((await runTessera(['login', '--server', shadowUrl], home, 'tsk_shadow-server-key')).code).toBe(
          0,
        );
        expect((await runTessera(['activate', 'kre'], home)).code).toBe(3);
      } finally {
        await shadow.close();
      }
      const forgedFiles = [
        [await forge(), 'UNTRUSTED_ISSUER'],
        [await forge(genuineCert.value.cert), 'BAD_SIGNATURE'],
      ] as const;
      for (const [content, code] of forgedFiles) {
        const path = join(home.TESSERA_HOME ?? '', `KRE_forged-${code}.lic`);
        await writeFile(path, content);
        const refused = await runTessera(['import', path], home);
        expect(refused.code).toBe(3);
        expect(lastLine(refused.stderr)).toMatch(new RegExp(`\\(${code}\\)$`));
      }
      const accepted = await runTessera(['import', genuine], home);
      expect(accepted.stderr).toBe('');
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('may run');
    },
    SLOW,
  );

  it(
    'finding 3: TESSERA_TRUSTED_ISSUERS naming a self-made key trusts nothing',
    async () => {
      const home = await env();
      const machineId = await machineIdOf(home);
      const self = await createTestIssuer('Self-made');
      const dir = home.TESSERA_HOME ?? '';
      const oldFormat = join(dir, 'trusted-issuers.json');
      await writeFile(
        oldFormat,
        JSON.stringify({ keys: [{ kid: self.key.kid, publicKey: self.key.publicKeyBase64 }] }),
      );
      const file = join(dir, 'KSE_self.lic');
      await writeFile(file, await self.sign({ machineId, expiresAt: '2099-12-31T00:00:00.000Z' }));
      for (const trusted of [oldFormat, await self.writeRootsFile(dir)]) {
        const result = await runTessera(['import', file], { ...home, TESSERA_TRUSTED_ISSUERS: trusted });
        expect(result.code).toBe(3);
        expect(lastLine(result.stderr)).toMatch(/\(UNTRUSTED_ISSUER\)$/);
      }
    },
    SLOW,
  );

  it(
    'finding 8: a valid .lic imported on a machine that never contacted the server verifies from the roots alone',
    async () => {
      // Only the build's roots: no issuer keys file (the old agent refused exactly this, UNTRUSTED_ISSUER).
      const home = { ...(await env()), TESSERA_TRUSTED_ISSUERS: '' };
      const file = await offlineFile(vendor, await machineIdOf(home), await tempDir());
      const imported = await runTessera(['import', file], home);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/may run/);
      const status = JSON.parse((await runTessera(['status', '--json'], home)).stdout);
      expect(status.products).toMatchObject([
        { productId: 'kre', canRun: true, source: 'offline', trust: 'vendor' },
      ]);
      expect(status.trust).toMatchObject({ evaluation: false, policy: { state: 'absent' } });
    },
    SLOW,
  );
});
