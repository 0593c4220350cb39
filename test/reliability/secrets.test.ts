import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contracts/ipc';
import { dispatchIpc } from '../../shared/contracts/ipc-dispatch';
import { createAgentApi } from '../../src-main/services/agent-api';
import { createSessionManager } from '../../src-main/services/session-service';
import { writeVendorRoots } from '../main/support-vendor-roots';
import { buildAgent } from '../main/support-agent';
import { recordingKeyHandover } from '../support/recording-key-handover';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';

describe('API keys never reach logs, crash output, audit entries, IPC results or the agent’s files', () => {
  let server: TestServer;
  let org: SeededOrg;
  let dataDir = '';
  const log: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      db: 'postgres',
      postgresUrl: inject('postgresUrl'),
      listen: true,
      logStream: { write: (l) => void log.push(l) },
    });
    org = await seedOrg(server.ctx, 'Secrets');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 5 });
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-secrets-'));
  });
  afterAll(async () => {
    await server.app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every IPC channel, fed the key in every field, answers without it; files and audit hold no key', async () => {
    const key = org.admin.apiKey;
    const keyWindow = recordingKeyHandover();
    const deps = await buildAgent(dataDir, {
      account: `secrets-${randomUUID()}`,
      keyHandover: keyWindow,
      env: {
        TESSERA_TEST_TRUST_ROOTS: await writeVendorRoots(server, dataDir),
        TESSERA_TEST_POLICY_PATH: join(dataDir, 'no-policy.json'),
      },
    });
    const api = createAgentApi(deps, createSessionManager(deps));
    const answers: unknown[] = [await dispatchIpc(api, 'key:set', { serverUrl: server.url, apiKey: key })];
    answers.push(await dispatchIpc(api, 'license:activate', { productId: 'kre' }));
    expect(answers).toMatchObject([{ ok: true }, { ok: true }]);
    const hostile = {
      apiKey: key,
      serverUrl: key,
      productId: key,
      orgId: key,
      userId: key,
      content: key,
      name: key,
    };
    for (const channel of IPC_CHANNELS.filter((c) => c !== 'key:delete')) {
      answers.push(await dispatchIpc(api, channel, {}));
      answers.push(await dispatchIpc(api, channel, hostile));
    }
    // R15: the keys an admin issues to members go to the key window only, never into an answer.
    const { orgId } = org;
    const email = `secrets-new-${Date.now()}@example.test`;
    const issued = [
      await dispatchIpc(api, 'admin:add-member', { orgId, email, role: 'member' }),
      await dispatchIpc(api, 'admin:reissue-member-key', {
        orgId,
        userId: org.member.userId,
        email: org.member.email,
      }),
    ];
    expect(issued).toMatchObject([{ ok: true }, { ok: true }]);
    answers.push(...issued);
    const memberKeys = keyWindow.shown.map((shown) => shown.apiKey);
    expect(memberKeys).toHaveLength(2);
    const files = await readdir(dataDir, { recursive: true });
    const fileText = await Promise.all(files.map((f) => readFile(join(dataDir, f), 'utf8').catch(() => '')));
    const audit = await server.ctx.db.selectFrom('audit_events').selectAll().execute();
    expect(answers.length).toBeGreaterThan(IPC_CHANNELS.length);
    for (const secret of [key, ...memberKeys]) {
      expect(JSON.stringify(answers)).not.toContain(secret);
      expect(fileText.join('\n')).not.toContain(secret);
      expect(JSON.stringify(audit)).not.toContain(secret);
    }
  });

  it('a server failing with its database gone logs the error without the caller’s key', async () => {
    const key = org.member.apiKey;
    await server.ctx.db.destroy();
    const res = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(key);
    const output = log.join('\n');
    expect(output).toMatch(/"level":50/);
    expect(output).not.toContain(key);
  });
});
