import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuerKeysResponse } from '../../shared/contracts/http/issuer';
import { resolveMasterKey, seal, unseal } from '../../src-server/keys/master-key';
import { createIssuerSigner, rotateSigningKey } from '../../src-server/keys/signing-keys';
import { startTestServer, type TestServer } from '../support/test-server';
import { call } from './helpers';

describe('signing keys', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', masterKey: Buffer.alloc(32, 7) });
  });
  afterAll(() => server.close());

  it('stores the private key sealed with AES-256-GCM under a scrypt-derived key (v2 with its salt), never as plain PKCS#8', async () => {
    const row = await server.ctx.db.selectFrom('signing_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.private_key_enc).toMatch(/^v2\.[^.]+\.[^.]+\.[^.]+\.[^.]+$/);
    expect(row.private_key_enc).not.toContain('MC4CAQAwBQYDK2Vw');
    expect(unseal(Buffer.alloc(32, 7), row.private_key_enc)).toMatch(/^MC4CAQAwBQYDK2Vw/);
    expect(() => unseal(Buffer.alloc(32, 8), row.private_key_enc)).toThrow();
  });

  it('rotation makes a new active key and keeps the old one published for verification', async () => {
    const before = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    const rotated = await rotateSigningKey(server.ctx.db, Buffer.alloc(32, 7));
    const after = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((k) => k.active).map((k) => k.kid)).toEqual([rotated.kid]);
    expect((await createIssuerSigner(Buffer.alloc(32, 7)).active(server.ctx.db)).kid).toBe(rotated.kid);
  });

  it('without TESSERA_MASTER_KEY a random master key file is created with mode 0600 and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-mk-'));
    const first = resolveMasterKey(undefined, dir);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(resolveMasterKey(undefined, dir).key.equals(first.key)).toBe(true);
    expect(unseal(first.key, seal(first.key, 'secret'))).toBe('secret');
    expect(resolveMasterKey('some operator secret', dir).source).toBe('TESSERA_MASTER_KEY');
  });
});
