import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../support/operator-cli';
import { spawnServerProcess } from '../support/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

/** Runs the operator CLI on a private PGlite data dir. */
const cli = (...args: string[]) => runOperatorCli(['--data-dir', dataDir, ...args]);

/** `subscription create` for KRE, quota 5, 2026–2030, of the given kind. */
const createKreSubscription = (org: string, kind: string) =>
  cli(
    'subscription',
    'create',
    '--org',
    org,
    '--product',
    'kre',
    '--kind',
    kind,
    '--quota',
    '5',
    '--start',
    '2026-01-01T00:00:00Z',
    '--end',
    '2030-01-01T00:00:00Z',
  );

// Each command is a fresh process opening PGlite (a few seconds each), so these tests get room.
describe('operator CLI', { timeout: 240_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates account → org → owner (API key printed once) → subscription, and refuses a deprecated kind (R29)', async () => {
    const account = (await cli('account', 'create', 'Acme')).fields.accountId ?? '';
    const org = (await cli('org', 'create', '--account', account, '--name', 'Acme QA')).fields.orgId ?? '';
    const user = await cli(
      'user',
      'create',
      '--email',
      'owner@acme.test',
      '--name',
      'Owner',
      '--org',
      org,
      '--role',
      'owner',
    );
    expect(user.fields.apiKey).toMatch(/^tsk_[a-z2-7]{52}$/);
    expect(user.stderr).toMatch(/shown only this once/);
    const sub = await createKreSubscription(org, 'session');
    expect(sub.fields.subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    const legacy = await createKreSubscription(org, 'node-locked');
    expect(legacy.code).toBe(3);
    expect(legacy.stderr).toMatch(/^MODEL_DEPRECATED: /);
    const renewed = await cli(
      'renew',
      '--subscription',
      sub.fields.subscriptionId ?? '',
      '--end',
      '2031-01-01T00:00:00Z',
    );
    expect(renewed.fields.action).toBe('keep');
  });

  it(
    'R15 member add and remove (the last owner stays) and api-key reissue, printed once',
    { timeout: 480_000 },
    async () => {
      const account = (await cli('account', 'create', 'Members')).fields.accountId ?? '';
      const org = (await cli('org', 'create', '--account', account, '--name', 'Members')).fields.orgId ?? '';
      const owner = await cli(
        'member',
        'add',
        '--org',
        org,
        '--email',
        'boss@members.test',
        '--role',
        'owner',
      );
      expect(owner.fields.apiKey).toMatch(/^tsk_/);
      const ownerId = owner.fields.userId ?? '';
      const last = await cli('member', 'remove', '--org', org, '--user', ownerId);
      expect(last.code).toBe(3);
      expect(last.stderr).toMatch(/^LAST_OWNER: /);
      const reissued = await cli('key', 'reissue', '--org', org, '--user', ownerId);
      expect(reissued.fields).toMatchObject({ revoked: '1', endedSessions: '0' });
      expect(reissued.fields.apiKey).toMatch(/^tsk_/);
      expect(reissued.stderr).toMatch(/shown only this once/);
    },
  );

  it('rotates keys and lists the old and the new one', async () => {
    // No server has started on this folder yet: the root that certifies signing keys comes first.
    expect((await cli('root', 'create')).code).toBe(0);
    const old = await cli('keys', 'rotate');
    const rotated = await cli('keys', 'rotate');
    const listed = await cli('keys', 'list');
    expect(rotated.fields.kid).toMatch(/^[0-9a-f]{16}$/);
    const kids = [...listed.stdout.matchAll(/^kid: (\w+)$/gm)].map((m) => m[1]);
    expect(kids.slice(0, 2)).toEqual([rotated.fields.kid, old.fields.kid]);
    expect(listed.stdout).toMatch(new RegExp(`kid: ${rotated.fields.kid}\nactive: true`));
  });

  it('serve answers on loopback and exits 0 on SIGTERM (graceful shutdown)', async () => {
    const server = await spawnServerProcess({ DATABASE_URL: '' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ok' });
    await server.stop();
    expect(server.child.exitCode).toBe(0);
  });
});
