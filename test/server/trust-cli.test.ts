import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../support/operator-cli';
import { parseTrustRoots } from '../../shared/trust/trust-roots';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-trust-cli-'));

/** Runs the operator CLI on a private PGlite data dir. */
const cli = (...args: string[]) =>
  runOperatorCli(['--data-dir', dataDir, ...args], { TESSERA_MASTER_KEY: 'trust cli test secret' });

const field = (stdout: string, name: string): string =>
  stdout
    .split('\n')
    .find((l) => l.startsWith(`${name}: `))
    ?.slice(name.length + 2) ?? '';

// Each command is a fresh process opening PGlite (a few seconds each, far more on a loaded machine),
// so the steps share one test and it gets room.
describe('operator CLI: root and keys', { timeout: 600_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the root once, exports it, rotates and revokes keys, each step visible in keys list', async () => {
    const created = await cli('root', 'create', '--name', 'Acme Vendor');
    expect(created.code).toBe(0);
    const rootKid = field(created.stdout, 'rootKid');
    const firstKid = field(created.stdout, 'activeKid');
    expect(rootKid).toMatch(/^[0-9a-f]{16}$/);
    const again = await cli('root', 'create');
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(`CONFLICT: This server already has its root key ${rootKid}`);

    const exported = await cli('root', 'export-public');
    const roots = parseTrustRoots(JSON.parse(exported.stdout), 'vendor');
    expect(roots.ok && [...roots.value.values()]).toEqual([
      expect.objectContaining({ kid: rootKid, name: 'Acme Vendor' }),
    ]);

    const file = join(dataDir, 'root-private.json');
    const secret = await cli('root', 'export-private', '--out', file);
    expect(secret.code).toBe(0);
    expect(secret.stderr).toMatch(/WARNING: .* holds the root private key/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      kid: rootKid,
      privateKeyPkcs8: expect.stringMatching(/^MC4C/),
    });

    expect(await cli('keys', 'revoke', firstKid)).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('Run `keys rotate` first'),
    });
    const rotated = await cli('keys', 'rotate');
    const secondKid = field(rotated.stdout, 'kid');
    expect(secondKid).not.toBe(firstKid);
    const revoked = await cli('keys', 'revoke', firstKid, '--reason', 'retired laptop');
    expect(revoked).toMatchObject({ code: 0 });
    expect(field(revoked.stdout, 'revocationSerial')).toBe('2');

    const listed = (await cli('keys', 'list')).stdout.split('kid: ').slice(1);
    const byKid = new Map(listed.map((block) => [block.slice(0, 16), block]));
    expect(byKid.get(secondKid)).toMatch(
      /active: true\ncreatedAt: .*\ncertified: true\nnotBefore: \S+\nnotAfter: \S+\nrevokedAt: null/,
    );
    expect(byKid.get(firstKid)).toMatch(
      /active: false[\s\S]*revokedAt: 20\d\d-[\s\S]*revokeReason: retired laptop/,
    );
  });
});
