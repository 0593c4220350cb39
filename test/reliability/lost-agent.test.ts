import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CULL_REASON } from '../../src-server/jobs/session-culler';
import { runTessera, spawnTessera, waitFor } from '../main/support-cli';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { auditOf } from './support/audit';
import { createPersistentDb, type PersistentDb } from './support/persistent-db';

const TTL_SECONDS = 4;
const CULL_INTERVAL_SECONDS = 1; // the culler runs every quarter TTL, at least every second
const SLACK_MS = 2_000; // process scheduling and polling
const dirs: string[] = [];
let home = '';
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-lost-'));
  dirs.push(dir);
  return dir;
};

describe('R22 an agent killed while holding a KRE session', () => {
  let store: PersistentDb;
  let server: ServerProcess;
  let org: SeededOrg;
  let subId: string;
  let serverOutput = '';
  beforeAll(async () => {
    store = await createPersistentDb('postgres', await tempDir(), inject('postgresUrl'));
    const ctx = await store.open();
    org = await seedOrg(ctx, 'Lost agents');
    subId = await seedSubscription(ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 1 });
    await ctx.close();
    // The server keeps its data (and publishes its public root) in ~/.tessera-server of a home folder
    // the agent also uses: this repository's build ships no vendor root and trusts servers on this machine.
    home = await tempDir();
    server = await spawnServerProcess({
      ...store.serverEnv,
      TESSERA_DATA_DIR: join(home, '.tessera-server'),
      TESSERA_SESSION_TTL_SECONDS: String(TTL_SECONDS),
      TESSERA_LOG_LEVEL: 'trace',
    });
    const collect = (chunk: Buffer): void => void (serverOutput += chunk.toString());
    server.child.stdout?.on('data', collect);
    server.child.stderr?.on('data', collect);
  });
  afterAll(async () => {
    await server.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('R22 frees the license within TTL + cull interval, audited with the reason; the key leaks nowhere', async () => {
    const env = { TESSERA_HOME: await tempDir(), HOME: home };
    const login = await runTessera(['login', '--server', server.url], env, `${org.member.apiKey}\n`);
    expect(login.code).toBe(0);
    const agent = spawnTessera(
      ['run', '--product', 'kre', '--', 'node', '-e', 'setTimeout(() => {}, 12000)'],
      env,
    );
    await waitFor(() => agent.stderr.includes('started'), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${agent.stderr}`);
    });
    agent.process.kill('SIGKILL');
    const killedAt = Date.now();
    await agent.exited;

    const ctx = await store.open();
    try {
      const ended = async () =>
        ctx.db
          .selectFrom('sessions')
          .select(['id', 'ended_at', 'end_reason'])
          .where('subscription_id', '=', subId)
          .executeTakeFirstOrThrow();
      let session = await ended();
      while (session.ended_at === null && Date.now() - killedAt < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        session = await ended();
      }
      expect(session.end_reason).toBe(CULL_REASON);
      expect(Date.now() - killedAt).toBeLessThanOrEqual(
        (TTL_SECONDS + CULL_INTERVAL_SECONDS) * 1000 + SLACK_MS,
      );
      const audit = await auditOf(ctx.db, org.orgId, 'session.culled');
      expect(audit).toHaveLength(1);
      expect(audit[0]?.reason).toBe(CULL_REASON);

      const again = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], env);
      expect(again.code).toBe(0);

      const everyAudit = JSON.stringify(await ctx.db.selectFrom('audit_events').selectAll().execute());
      const stateFiles = await readdir(env.TESSERA_HOME);
      const stateText = (
        await Promise.all(stateFiles.map((f) => readFile(join(env.TESSERA_HOME, f), 'utf8').catch(() => '')))
      ).join('\n');
      expect(serverOutput.length).toBeGreaterThan(0);
      for (const haystack of [
        serverOutput,
        agent.stdout,
        agent.stderr,
        login.stdout,
        login.stderr,
        again.stderr,
        everyAudit,
        stateText,
      ])
        expect(haystack).not.toContain(org.member.apiKey);
    } finally {
      await ctx.close();
    }
  });
});
