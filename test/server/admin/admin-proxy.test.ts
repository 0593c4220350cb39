import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import type { SecretStore } from '../../../src-main/adapters/secret-store';
import { createAdminProxy } from '../../../src-main/services/admin-proxy';
import { createAgentDeps } from '../../../src-main/services/create-agent-deps';
import { createOrganization } from '../../../src-server/services/provisioning';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { startTestServer, type TestServer } from '../../support/test-server';
import { activateOk } from '../api';

/** The key as main holds it; an in-memory store stands in for the keychain, which is not under test here. */
const memoryStore = (apiKey: string): SecretStore => ({
  isAvailable: async () => true,
  get: async () => ok(apiKey),
  set: async () => ok(undefined),
  delete: async () => ok(false),
});

describe('admin proxy → real server on loopback: every channel answers in its IPC response schema', () => {
  let server: TestServer;
  let org: SeededOrg;
  let dataDir: string;
  let proxy: ReturnType<typeof createAdminProxy>;
  let child: string;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', listen: true });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 3 });
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 3 });
    child = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Child',
      parentId: org.orgId,
    });
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-admin-proxy-'));
    const deps = await createAgentDeps({
      dataDir,
      serverUrl: server.url ?? '',
      env: { ...process.env, TESSERA_SERVER_URL: '' },
      secrets: () => memoryStore(org.admin.apiKey),
    });
    if (!deps.ok) throw new Error(deps.error.message);
    proxy = createAdminProxy(deps.value);
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const value = <T>(
    r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
  ): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const page = { offset: 0, limit: 20 };

  it('R16 R23 R24 License Management channels', async () => {
    const { orgId } = org;
    const subs = value(await proxy.adminListSubscriptions({ orgId }));
    expect(subs.map((s) => s.productId).sort()).toEqual(['kre', 'kse']);
    expect(value(await proxy.adminGetSubscription({ orgId, productId: 'kse' })).subscribed).toBe(3);
    const added = value(
      await proxy.adminAddLicensedUser({ orgId, productId: 'kse', userId: org.member.userId }),
    );
    expect(added.email).toBe(org.member.email);
    value(
      await proxy.adminTransferLicense({
        orgId,
        productId: 'kse',
        fromUserId: org.member.userId,
        toUserId: org.owner.userId,
      }),
    );
    const users = value(await proxy.adminListLicensedUsers({ orgId, productId: 'kse', page }));
    expect(users.items.map((u) => u.userId)).toEqual([org.owner.userId]);
    expect(
      value(await proxy.adminRemoveLicensedUser({ orgId, productId: 'kse', userId: org.owner.userId })),
    ).toEqual({ done: true });
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const offlineId = fakeMachine().machineId;
    const file = value(
      await proxy.adminCreateOfflineLicense({ orgId, productId: 'kre', machineId: offlineId }),
    );
    expect(file.fileName).toBe(`KRE_${offlineId}.lic`);
    expect(
      value(await proxy.adminListOnlineLicenses({ orgId, productId: 'kre', page })).items[0]?.machineId,
    ).toBe(machine);
    expect(value(await proxy.adminListOfflineLicenses({ orgId, productId: 'kre', page })).total).toBe(1);
    const both = value(await proxy.adminListMachines({ orgId, productId: 'kre', page }));
    expect(both.total).toBe(2);
    const first = value(
      await proxy.adminListMachines({ orgId, productId: 'kre', page: { offset: 0, limit: 1 } }),
    );
    const after = first.next ?? undefined;
    expect(after).toBeTypeOf('string');
    const second = value(
      await proxy.adminListMachines({ orgId, productId: 'kre', page: { offset: 0, limit: 1 }, after }),
    );
    expect(second.items.map((m) => m.machineId)).toEqual([both.items[1]?.machineId]);
    const beforeAny = value(
      await proxy.adminListMachines({
        orgId,
        productId: 'kre',
        page: { offset: 0, limit: 1 },
        seenAtOrBefore: '2000-01-01T00:00:00.000Z',
      }),
    );
    expect(beforeAny.items).toEqual([]);
    expect(value(await proxy.adminRemoveMachine({ orgId, productId: 'kre', machineId: machine }))).toEqual({
      done: true,
    });
    expect(
      value(await proxy.adminListMachines({ orgId, productId: 'kre', page, query: machine })).total,
    ).toBe(0);
  });

  it('R13 R14 R28 organization, usage, audit and migration channels', async () => {
    const { orgId } = org;
    const members = value(await proxy.adminListMembers({ orgId, page }));
    expect(members.total).toBe(3);
    expect(value(await proxy.adminGetOrgTree({ orgId, productId: 'kse' })).nodes).toHaveLength(2);
    const tree = value(
      await proxy.adminDedicateLicenses({ orgId, childOrgId: child, productId: 'kse', count: 1 }),
    );
    expect(tree.nodes.find((n) => n.id === child)?.dedicated).toBe(1);
    const to = new Date();
    const from = new Date(to.getTime() - 3 * 3_600_000);
    const usage = value(
      await proxy.adminGetUsage({
        orgId,
        productId: 'kre',
        from: from.toISOString(),
        to: to.toISOString(),
        bucket: 'hour',
      }),
    );
    // Buckets run from the hour holding `from` to the one holding `to` (the viewer's hours).
    expect(usage.points.length).toBeGreaterThanOrEqual(3);
    expect(usage.points.length).toBeLessThanOrEqual(4);
    const audit = value(
      await proxy.adminListAudit({ orgId, filter: { action: 'licenses.dedicated' }, page }),
    );
    expect(audit.total).toBe(1);
    const csv = value(await proxy.adminExportAuditCsv({ orgId, filter: {} }));
    expect(csv.content).toContain('licenses.dedicated');
    expect(value(await proxy.adminPreviewMigration({ orgId, productId: 'kse' })).applied).toBe(false);
    expect(value(await proxy.adminApplyMigration({ orgId, productId: 'kse' })).applied).toBe(false);
  });

  it('R15 a refusal from the server crosses the proxy as its code and sentence', async () => {
    const result = await proxy.adminGetOrgTree({ orgId: org.otherOrgId, productId: 'kse' });
    expect(result.ok ? null : result.error.code).toBe('UNKNOWN_ORGANIZATION');
  });
});
