import { createHash, createCipheriv, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createIssuerKey } from '../../shared/crypto/issuer-keys';
import { openDatabase } from '../../src-server/db/open-database';
import { migrateToLatest } from '../../src-server/db/migrate';
import { seal, unseal } from '../../src-server/keys/master-key';
import { nodeSubtle } from '../../src-server/keys/signing-keys';
import { spawnServerProcess, type ServerProcess } from '../support/server-process';
import { createPostgresDatabase, startTestServer } from '../support/test-server';

// Several server processes on one PostgreSQL: start-up runs under an advisory lock (one active
// key, no duplicate-key crash), and a process whose master key cannot unseal the key refuses to start.

const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

describe('three processes starting at once on an empty PostgreSQL', () => {
  it('all start, there is exactly one active signing key, and all are ready', async () => {
    const env = {
      DATABASE_URL: await createPostgresDatabase(inject('postgresUrl')),
      TESSERA_MASTER_KEY: randomBytes(24).toString('base64'),
    };
    const servers = await Promise.all([1, 2, 3].map(() => spawnServerProcess(env, 240_000)));
    started.push(...servers);
    const { db } = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
    try {
      const active = await db.selectFrom('signing_keys').select('kid').where('active', '=', true).execute();
      expect(active).toHaveLength(1);
    } finally {
      await db.destroy();
    }
    for (const s of servers) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  }, 300_000);
});

describe('a second server without the shared master key', () => {
  it('fails to start with one sentence naming TESSERA_MASTER_KEY', async () => {
    const url = await createPostgresDatabase(inject('postgresUrl'));
    started.push(
      await spawnServerProcess({ DATABASE_URL: url, TESSERA_MASTER_KEY: 'first-servers-secret-1234' }),
    );
    const second = spawnServerProcess({ DATABASE_URL: url, TESSERA_MASTER_KEY: '' }, 180_000);
    const error = await second.then(
      (s) => {
        started.push(s);
        return new Error('started');
      },
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/server exited with 1/);
    const lines = error.message.split('\n').filter((l) => l.trim().length > 0);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(
      /^Tessera server did not start\. .*every server process on one database must be started with the same TESSERA_MASTER_KEY\.$/,
    );
  }, 240_000);
});

describe('readiness needs a usable signing key', () => {
  it('/readyz answers 503 when this process cannot unseal the active key', async () => {
    const first = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    const url = first.databaseUrl ?? '';
    const second = await startTestServer({ db: 'postgres', postgresUrl: url, freshDatabase: false });
    try {
      expect((await first.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect((await second.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('the master key goes through a KDF', () => {
  it('seals with scrypt and a per-value salt: one secret, two seals, two different salts', () => {
    const secret = Buffer.from('operator secret text', 'utf8');
    const a = seal(secret, 'payload');
    const b = seal(secret, 'payload');
    expect(a.split('.')[0]).toBe('v2');
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(unseal(secret, a)).toBe('payload');
    expect(() => unseal(Buffer.from('another secret'), a)).toThrow();
  });

  it('re-seals a key sealed by an older version (plain SHA-256) at start, and it still signs', async () => {
    const url = await createPostgresDatabase(inject('postgresUrl'));
    const secret = 'legacy-operator-secret';
    const { db } = await openDatabase({ kind: 'postgres', url });
    const material = await createIssuerKey(nodeSubtle);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(secret).digest(), iv);
    const body = Buffer.concat([cipher.update(material.privateKeyPkcs8Base64, 'utf8'), cipher.final()]);
    const legacy = ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join('.');
    await migrateToLatest(db);
    await db
      .insertInto('signing_keys')
      .values({
        kid: material.kid,
        public_key: material.publicKeyBase64,
        private_key_enc: legacy,
        active: true,
      })
      .execute();
    const server = await spawnServerProcess({ DATABASE_URL: url, TESSERA_MASTER_KEY: secret });
    started.push(server);
    try {
      const row = await db.selectFrom('signing_keys').select('private_key_enc').executeTakeFirstOrThrow();
      expect(row.private_key_enc.startsWith('v2.')).toBe(true);
      expect(unseal(Buffer.from(secret), row.private_key_enc)).toBe(material.privateKeyPkcs8Base64);
      expect((await fetch(`${server.url}/v1/time?nonce=${'a'.repeat(32)}`)).status).toBe(200);
      const count = await sql<{ n: number }>`select count(*)::int as n from signing_keys`.execute(db);
      expect(count.rows[0]?.n).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
