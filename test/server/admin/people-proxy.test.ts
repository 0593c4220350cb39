import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import type { SecretStore } from '../../../src-main/adapters/secret-store';
import { createAdminProxy } from '../../../src-main/services/admin-proxy';
import { createAgentDeps } from '../../../src-main/services/create-agent-deps';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { recordingKeyHandover } from '../../support/recording-key-handover';
import { startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, checkoutSession } from '../api';
import { call } from '../helpers';

/** The key as main holds it; an in-memory store stands in for the keychain, which is not under test here. */
const memoryStore = (apiKey: string): SecretStore => ({
  isAvailable: async () => true,
  get: async () => ok(apiKey),
  set: async () => ok(undefined),
  delete: async () => ok(false),
});

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const page = { offset: 0, limit: 20 };

describe('admin proxy → real server: live sessions, members, keys and offline re-download', () => {
  let server: TestServer;
  let org: SeededOrg;
  let dataDir: string;
  let proxy: ReturnType<typeof createAdminProxy>;
  /** The admin's key window, as a test double: Electron cannot run here. */
  const keyWindow = recordingKeyHandover();
  /** The same agent with no key window (as the CLI composes it). */
  let windowless: ReturnType<typeof createAdminProxy>;
  /** The same agent whose key window fails to open. */
  let broken: ReturnType<typeof createAdminProxy>;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', listen: true });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-people-proxy-'));
    const deps = await createAgentDeps({
      dataDir,
      serverUrl: server.url ?? '',
      env: { ...process.env, TESSERA_SERVER_URL: '' },
      secrets: () => memoryStore(org.admin.apiKey),
      keyHandover: keyWindow,
    });
    if (!deps.ok) throw new Error(deps.error.message);
    proxy = createAdminProxy(deps.value);
    const bare = await createAgentDeps({
      dataDir: await mkdtemp(join(dataDir, 'windowless-')),
      serverUrl: server.url ?? '',
      env: { ...process.env, TESSERA_SERVER_URL: '' },
      secrets: () => memoryStore(org.admin.apiKey),
    });
    if (!bare.ok) throw new Error(bare.error.message);
    windowless = createAdminProxy(bare.value);
    const failing = await createAgentDeps({
      dataDir: await mkdtemp(join(dataDir, 'broken-')),
      serverUrl: server.url ?? '',
      env: { ...process.env, TESSERA_SERVER_URL: '' },
      secrets: () => memoryStore(org.admin.apiKey),
      keyHandover: {
        handOver: async () => {
          throw new Error('The window is gone.');
        },
      },
    });
    if (!failing.ok) throw new Error(failing.error.message);
    broken = createAdminProxy(failing.value);
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const startSession = async (key: string) => {
    const machine = (await activateOk(server.app, key, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, key, 'kre', machine);
    if (!session.ok) throw new Error(session.error.message);
    return machine;
  };

  it('R19 R21 lists live sessions and force-releases them per machine and per user', async () => {
    const { orgId } = org;
    const onA = await startSession(org.member.apiKey);
    await startSession(org.member.apiKey);
    const ownerMachine = await startSession(org.owner.apiKey);
    const all = value(await proxy.adminListLiveSessions({ orgId, productId: 'kre', page }));
    expect(all.total).toBe(3);
    expect(all.items.every((s) => s.userEmail !== '' && s.machineId !== '')).toBe(true);
    const mine = value(
      await proxy.adminListLiveSessions({ orgId, productId: 'kre', page, query: org.member.email }),
    );
    expect(mine.items.map((s) => s.userId)).toEqual([org.member.userId, org.member.userId]);

    expect(value(await proxy.adminReleaseSessions({ orgId, productId: 'kre', machineId: onA }))).toEqual({
      released: 1,
    });
    expect(
      value(await proxy.adminReleaseSessions({ orgId, productId: 'kre', userId: org.member.userId })),
    ).toEqual({ released: 1 });
    const left = value(await proxy.adminListLiveSessions({ orgId, productId: 'kre', page }));
    expect(left.items.map((s) => s.machineId)).toEqual([ownerMachine]);
  });

  it('R15 a member cannot read the live sessions', async () => {
    const res = await call(server.app, 'GET', `/v1/orgs/${org.orgId}/products/kre/sessions`, {
      key: org.member.apiKey,
    });
    expect(res.status).toBe(403);
  });

  it('R15 members are searched by name or e-mail on the server, not read as one page', async () => {
    const { orgId } = org;
    const zoe = await org.addUser('member', 'Zoë Searchable');
    const byName = value(await proxy.adminListMembers({ orgId, page, query: 'zoë search' }));
    expect(byName.items.map((m) => m.userId)).toEqual([zoe.userId]);
    expect(byName.total).toBe(1);
    const byEmail = value(await proxy.adminListMembers({ orgId, page, query: org.owner.email }));
    expect(byEmail.items.map((m) => m.userId)).toEqual([org.owner.userId]);
    const wildcard = value(await proxy.adminListMembers({ orgId, page, query: '%' }));
    expect(wildcard.total).toBe(0);
  });

  /** The key the admin's window was shown last, for `email`. */
  const lastShown = (email: string): string => {
    const shown = keyWindow.shown.at(-1);
    expect(shown?.email).toBe(email);
    return shown?.apiKey ?? '';
  };

  it('R15 R23 adds, re-roles, reissues the key of and removes a member; each new key goes to the key window, never into an answer', async () => {
    const { orgId } = org;
    const email = `new-${Date.now()}@example.test`;
    const added = value(await proxy.adminAddMember({ orgId, email, name: 'New Person', role: 'member' }));
    expect(added).toEqual({
      userId: expect.any(String),
      email,
      name: 'New Person',
      role: 'member',
      keyHandedOver: true,
    });
    const firstKey = lastShown(email);
    expect(firstKey).toMatch(/^tsk_/);
    expect(JSON.stringify(added)).not.toContain(firstKey);
    expect((await call(server.app, 'GET', '/v1/me', { key: firstKey })).status).toBe(200);

    const admin = value(await proxy.adminChangeMemberRole({ orgId, userId: added.userId, role: 'admin' }));
    expect(admin.role).toBe('admin');
    const reissued = value(await proxy.adminReissueMemberKey({ orgId, userId: added.userId, email }));
    expect(reissued).toEqual({ userId: added.userId, keyHandedOver: true });
    const secondKey = lastShown(email);
    expect(secondKey).not.toBe(firstKey);
    expect(JSON.stringify(reissued)).not.toContain(secondKey);
    expect((await call(server.app, 'GET', '/v1/me', { key: firstKey })).status).toBe(401);
    expect((await call(server.app, 'GET', '/v1/me', { key: secondKey })).status).toBe(200);
    expect(value(await proxy.adminRevokeMemberKey({ orgId, userId: added.userId })).revoked).toBe(1);
    expect(value(await proxy.adminRemoveMember({ orgId, userId: added.userId })).removed).toBe(true);
    const gone = value(await proxy.adminListMembers({ orgId, page, query: email }));
    expect(gone.total).toBe(0);
  });

  it('R15 adding someone who already has an account shows no key window', async () => {
    const before = keyWindow.shown.length;
    const added = value(
      await proxy.adminAddMember({ orgId: org.orgId, email: org.outsider.email, role: 'member' }),
    );
    expect(added.keyHandedOver).toBe(false);
    expect(keyWindow.shown).toHaveLength(before);
  });

  it('R15 an agent with no key window refuses to reissue before the server issues a key', async () => {
    const { orgId } = org;
    const who = await org.addUser('member', 'Kept Key');
    const refused = await windowless.adminReissueMemberKey({ orgId, userId: who.userId, email: who.email });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await call(server.app, 'GET', '/v1/me', { key: who.apiKey })).status).toBe(200);
    const email = `windowless-${Date.now()}@example.test`;
    expect(await windowless.adminAddMember({ orgId, email, role: 'member' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(value(await proxy.adminListMembers({ orgId, page, query: email })).total).toBe(0);
  });

  it('R15 a key window that fails says so in a sentence and still answers no key', async () => {
    const who = await org.addUser('member', 'Lost Key');
    const answer = await broken.adminReissueMemberKey({
      orgId: org.orgId,
      userId: who.userId,
      email: who.email,
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `A new API key was issued to ${who.email} but could not be shown; reissue it again.`,
      },
    });
  });

  it('R8 downloads a stored offline license file again', async () => {
    const { orgId } = org;
    const machineId = fakeMachine().machineId;
    const created = value(await proxy.adminCreateOfflineLicense({ orgId, productId: 'kre', machineId }));
    const listed = value(await proxy.adminListOfflineLicenses({ orgId, productId: 'kre', page }));
    const licenseId = listed.items.find((l) => l.machineId === machineId)?.licenseId ?? '';
    const again = value(await proxy.adminDownloadOfflineLicense({ orgId, licenseId }));
    expect(again).toEqual({ fileName: created.fileName, content: created.content });
  });
});
