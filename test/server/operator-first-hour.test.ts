import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../support/operator-cli';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-first-hour-'));
const STACK_LINE = /^\s+at /m;

/** The operator CLI as a person runs it, on the shared PGlite folder. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runOperatorCli(args, { TESSERA_DATA_DIR: dataDir, ...env });

const serve = (): Promise<ServerProcess> =>
  spawnServerProcess({ TESSERA_DATA_DIR: dataDir, DATABASE_URL: '' });

describe('the first hour on an embedded (PGlite) server', { timeout: 300_000 }, () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries out operator commands inside the running server: init prints a key that server accepts', async () => {
    const server = await serve();
    running.push(server);
    const init = await cli(['init', '--account', 'Acme', '--email', 'owner@acme.test']);
    expect(init.code).toBe(0);
    expect(init.fields.apiKey).toMatch(/^tsk_/);
    const me = await fetch(`${server.url}/v1/me`, {
      headers: { authorization: `Bearer ${init.fields.apiKey}` },
    });
    expect(me.status).toBe(200);
    const again = await cli(['init', '--account', 'Acme', '--email', 'other@acme.test']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^ALREADY_INITIALIZED: /);
    const orgs = await cli(['org', 'list', '--json']);
    expect(JSON.parse(orgs.stdout)).toMatchObject([{ name: 'Acme', parentId: null }]);
  });

  it('refuses a second server on the same folder with one sentence', async () => {
    const second = await cli(['serve', '--port', '0']);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/^DATA_DIR_IN_USE: Another Tessera process \(pid \d+, server\)/);
    expect(second.stderr).not.toMatch(STACK_LINE);
  });

  it('explains bad operator input with a code and a sentence, never a stack trace', async () => {
    const cases: [string[], number, RegExp][] = [
      [
        ['org', 'create', '--account', '00000000-0000-4000-8000-000000000000', '--name', 'X'],
        3,
        /^UNKNOWN_ACCOUNT: /,
      ],
      [
        ['user', 'create', '--email', 'owner@acme.test', '--name', 'Dup'],
        3,
        /^ALREADY_EXISTS: A user with this email/,
      ],
      [
        ['user', 'create', '--email', 'x@acme.test', '--name', 'X', '--role', 'boss'],
        2,
        /Allowed choices are owner, admin, member/,
      ],
      [['org', 'create', '--account', 'not-an-id', '--name', 'X'], 2, /^VALIDATION_FAILED: /],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).not.toMatch(STACK_LINE);
    }
  });

  it('says which setting is wrong when TESSERA_MASTER_KEY is too short', async () => {
    const result = await cli(['account', 'list'], { TESSERA_MASTER_KEY: 'short' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^VALIDATION_FAILED: TESSERA_MASTER_KEY: /);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('lists the valid choices in --help', async () => {
    const help = await cli(['subscription', 'create', '--help']);
    expect(help.code).toBe(0);
    for (const kind of ['"per-user"', '"node-locked"', '"floating"', '"session"', '"monthly"'])
      expect(help.stdout).toContain(kind);
    expect(help.stdout).toContain('"kre"');
  });

  it('starts again at once after the server was killed (a crash leaves no blocking lock), data kept', async () => {
    const server = running.pop();
    server?.child.kill('SIGKILL');
    await new Promise((resolve) => server?.child.once('exit', resolve));
    const restarted = await serve();
    running.push(restarted);
    const users = await cli(['user', 'list', '--json']);
    expect(JSON.parse(users.stdout)).toMatchObject([{ email: 'owner@acme.test' }]);
  });
});
