// An evaluation build ships no vendor root (this repository's resources/trust-roots.json): it trusts
// the root of a license server on this machine, handed over in-process by the desktop app's main
// process or published in the server's data folder, and says its licenses are local evaluation
// licenses. A build with a vendor root refuses the same server.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { formatProduct } from '../../../src-main/cli/format-status';
import { useEmbeddedServer } from '../../../src-main/services/agent-api';
import { computeStatus } from '../../../src-main/services/status-service';
import { LOCAL_ROOT_FILE } from '../../../src-main/services/trust-setup';
import { findRoot, type RootKeyRow } from '../../../src-server/keys/root-key';
import { PUBLIC_ROOT_FILE, publishPublicRoot } from '../../../src-server/keys/publish-root';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { startTestServer, type TestServer } from '../../support/test-server';
import { createTestIssuer } from '../support-licenses';
import { signedInAgent, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
let server: TestServer;
let org: SeededOrg;
let root: RootKeyRow;
let scratch: string;
let evaluationEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startTestServer({ db: 'pglite', listen: true });
  org = await seedOrg(server.ctx);
  await seedSubscription(server.ctx, org.orgId, {
    productId: 'kre',
    kind: 'session',
    quota: 2,
    machineQuota: 5,
  });
  const found = await findRoot(server.ctx.db);
  if (found === undefined) throw new Error('the server made no root');
  root = found;
  scratch = await mkdtemp(join(tmpdir(), 'tessera-evaluation-'));
  // The repository's shipped roots (none) and no machine-wide policy: an evaluation build.
  evaluationEnv = {
    ...process.env,
    TESSERA_TEST_TRUST_ROOTS: '',
    TESSERA_TEST_POLICY_PATH: join(scratch, 'no-policy.json'),
  };
});
afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const handOver = (url: string) => ({
  ensureStarted: async () => ok(url),
  localRoot: () => ({ kid: root.kid, publicKey: root.public_key, name: root.name }),
});

describe('evaluation builds and local roots', () => {
  it('trusts the embedded server’s root handed over in-process, and calls its license a local evaluation license', async () => {
    const url = server.url ?? '';
    const { api, deps } = await signedInAgent(await tempDir(), url, org.member.apiKey, undefined, {
      env: evaluationEnv,
    });
    expect(deps.trust.evaluation).toBe(true);
    const before = await api.licenseActivate({ productId: 'kre' });
    expect(before.ok ? 'granted' : before.error.code).toBe('UNTRUSTED_ISSUER');
    valueOf(await useEmbeddedServer(deps, handOver(url)));
    const activated = valueOf(await api.licenseActivate({ productId: 'kre' }));
    expect(activated).toMatchObject({ canRun: true, source: 'lease', trust: 'local-evaluation' });
    const status = valueOf(await computeStatus(deps));
    expect(status.trust).toMatchObject({
      evaluation: true,
      roots: [{ kid: root.kid, source: 'local-evaluation' }],
    });
    expect(formatProduct(activated)).toContain('online lease (local evaluation license)');
  });

  it('a build with a vendor root refuses the same server with UNTRUSTED_ISSUER naming its root’s fingerprint', async () => {
    const url = server.url ?? '';
    const vendor = await createTestIssuer('Vendor');
    const { api, deps } = await signedInAgent(await tempDir(), url, org.member.apiKey, undefined, {
      env: { ...evaluationEnv, TESSERA_TEST_TRUST_ROOTS: await vendor.writeRootsFile(scratch) },
    });
    expect(deps.trust.evaluation).toBe(false);
    valueOf(await useEmbeddedServer(deps, handOver(url)));
    expect(deps.trustLocalRoot({ kid: root.kid, publicKey: root.public_key, name: root.name })).toBe(false);
    const refused = await api.licenseActivate({ productId: 'kre' });
    expect(refused.ok ? 'granted' : refused.error.code).toBe('UNTRUSTED_ISSUER');
    expect(refused.ok ? '' : refused.error.message).toContain(root.kid);
  });

  it('a local server publishes its public root where an evaluation build on this machine reads it', async () => {
    expect(PUBLIC_ROOT_FILE).toBe(LOCAL_ROOT_FILE);
    const agentDir = await tempDir();
    await publishPublicRoot(server.ctx.db, join(agentDir, 'server'));
    const published = JSON.parse(await readFile(join(agentDir, 'server', PUBLIC_ROOT_FILE), 'utf8'));
    expect(published).toEqual({
      v: 1,
      roots: [{ kid: root.kid, publicKey: root.public_key, name: root.name }],
    });
    const { api, deps } = await signedInAgent(agentDir, server.url ?? '', org.admin.apiKey, undefined, {
      env: evaluationEnv,
    });
    expect(deps.trust.roots.get(root.kid)?.source).toBe('local-evaluation');
    expect(valueOf(await api.licenseActivate({ productId: 'kre' }))).toMatchObject({
      trust: 'local-evaluation',
    });
  });
});
