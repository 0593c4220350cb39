import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  IssuerKeysResponse,
  RevocationsResponse,
  SignedTimeResponse,
} from '../../shared/contracts/http/issuer';
import { dearmorEnvelope } from '../../shared/license-file/armor';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { verifySignedTime } from '../../shared/trust/verify-signed-time';
import { migrateToLatest } from '../../src-server/db/migrate';
import { openDatabase, type DatabaseTarget } from '../../src-server/db/open-database';
import { unseal } from '../../src-server/keys/master-key';
import { revokeSigningKey } from '../../src-server/keys/revoke-key';
import { ensureSigningKey, rotateSigningKey } from '../../src-server/keys/signing-keys';
import { ensureTrust } from '../../src-server/keys/trust-setup';
import { fakeMachine } from '../support/machines';
import { rootChain } from '../support/root-chain';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { createPostgresDatabase, DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { activateOk, createOffline, grantSeat } from './api';
import { call, refusal } from './helpers';

const MASTER = Buffer.alloc(32, 9);

const activeKid = async (server: TestServer) =>
  (
    await server.ctx.db
      .selectFrom('signing_keys')
      .select('kid')
      .where('active', '=', true)
      .executeTakeFirstOrThrow()
  ).kid;

describe.each(DB_KINDS)('trust chain on the server (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  const machine = fakeMachine();
  const lease = async () => (await activateOk(server.app, org.member.apiKey, 'kse', machine)).lease;
  const options = { expectedMachineId: machine.machineId, expectedProductId: 'kse', now: Date.now() };

  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl'), masterKey: MASTER });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    await grantSeat(server.app, org.owner.apiKey, org.orgId, 'kse', org.member.userId);
  });
  afterAll(() => server?.close());

  it('R5 a lease and an offline file verify with nothing but the root; the lease carries the revocation list', async () => {
    const chain = await rootChain(server.ctx.db);
    const leaseText = await lease();
    const verifiedLease = await verifyLicense(chain, leaseText, { ...options, now: Date.now() });
    expect(verifiedLease).toMatchObject({
      ok: true,
      value: { kid: await activeKid(server), crl: { serial: 1, revoked: [] } },
    });
    const offline = await createOffline(server.app, org.owner.apiKey, org.orgId, {
      productId: 'kse',
      machineId: machine.machineId,
      userId: org.member.userId,
    });
    if (!offline.ok) throw new Error(JSON.stringify(offline.error));
    const verifiedOffline = await verifyLicense(chain, offline.value.content, {
      ...options,
      now: Date.now(),
    });
    expect(verifiedOffline.ok && verifiedOffline.value.payload.kind).toBe('offline');
    const envelope = dearmorEnvelope(offline.value.content);
    expect(envelope.ok && envelope.value.cert !== undefined && envelope.value.crl === undefined).toBe(true);
    expect(offline.value.content.length).toBeLessThan(2048);
    expect(leaseText.length).toBeLessThan(2560);
  });

  it('R6 never issues a file that outlives its signing key certificate: the default expiry is the earlier end, and says so', async () => {
    const kid = await activeKid(server);
    const soon = new Date(Date.now() + 2 * 86_400_000);
    await server.ctx.db.updateTable('signing_keys').set({ not_after: soon }).where('kid', '=', kid).execute();
    try {
      const byDefault = await createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kse',
        machineId: fakeMachine().machineId,
        userId: org.member.userId,
      });
      if (!byDefault.ok) throw new Error(JSON.stringify(byDefault.error));
      expect(byDefault.value.expiresAt).toBe(soon.toISOString());
      expect(byDefault.value.expiryNote).toMatch(/signing key certificate ends, before the subscription end/);
      const res = await createOffline(server.app, org.owner.apiKey, org.orgId, {
        productId: 'kse',
        machineId: fakeMachine().machineId,
        userId: org.member.userId,
        expiresAt: new Date(soon.getTime() + 86_400_000).toISOString(),
      });
      expect(res).toMatchObject({ ok: false, status: 400, error: { code: 'OFFLINE_EXPIRY_TOO_LATE' } });
      const refused = await call(server.app, 'POST', '/v1/activations', {
        key: org.member.apiKey,
        body: { productId: 'kse', machine },
      });
      expect(refusal(refused.body).code).toBe('SERVER_UNAVAILABLE');
    } finally {
      const cert = await server.ctx.db
        .selectFrom('signing_keys')
        .select('cert_payload')
        .where('kid', '=', kid)
        .executeTakeFirstOrThrow();
      const notAfter = (JSON.parse(cert.cert_payload ?? '{}') as { notAfter: string }).notAfter;
      await server.ctx.db
        .updateTable('signing_keys')
        .set({ not_after: new Date(notAfter) })
        .where('kid', '=', kid)
        .execute();
    }
  });

  it('rotation keeps files signed by the old key valid, with no change on the agent side', async () => {
    const chain = await rootChain(server.ctx.db);
    const before = await lease();
    const rotated = await rotateSigningKey(server.ctx.db, MASTER);
    const after = await lease();
    expect(dearmorEnvelope(after)).toMatchObject({ ok: true, value: { kid: rotated.kid } });
    expect(dearmorEnvelope(before).ok && dearmorEnvelope(before)).not.toMatchObject({
      value: { kid: rotated.kid },
    });
    for (const text of [before, after])
      expect((await verifyLicense(chain, text, { ...options, now: Date.now() })).ok).toBe(true);
  });

  it('revocation: refuses the active key, lists a retired one in the next lease, and its files are refused from then on', async () => {
    const chain = await rootChain(server.ctx.db);
    const oldLease = await lease();
    const oldKid = await activeKid(server);
    expect(await revokeSigningKey(server.ctx.db, MASTER, oldKid, undefined)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await rotateSigningKey(server.ctx.db, MASTER);
    const revoked = await revokeSigningKey(server.ctx.db, MASTER, oldKid, 'key compromise');
    expect(revoked).toMatchObject({ ok: true, value: { kid: oldKid, serial: 2 } });
    const published = RevocationsResponse.parse(
      (await call(server.app, 'GET', '/v1/trust/revocations')).body,
    );
    expect(published.serial).toBe(2);
    const listed = await chain.verifyRevocationList(published.crl);
    expect(listed.ok && listed.value.revoked).toEqual([
      expect.objectContaining({ kid: oldKid, reason: 'key compromise' }),
    ]);
    const next = await verifyLicense(chain, await lease(), { ...options, now: Date.now() });
    if (!next.ok || next.value.crl === undefined) throw new Error('the next lease carries no list');
    expect(next.value.crl.serial).toBe(2);
    const revocations = new Map([[next.value.root.kid, next.value.crl]]);
    expect(await verifyLicense(chain, oldLease, { ...options, now: Date.now(), revocations })).toMatchObject({
      ok: false,
      error: { code: 'SIGNING_KEY_REVOKED' },
    });
    const keys = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    expect(keys.find((k) => k.kid === oldKid)?.revoked).toBe(true);
    const audited = await server.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'trust.%')
      .execute();
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set([
        'trust.root_created',
        'trust.key_certified',
        'trust.key_rotated',
        'trust.revocations_issued',
        'trust.key_revoked',
      ]),
    );
  });

  it('publishes each key with its certificate and signs /v1/time under a certified key', async () => {
    const chain = await rootChain(server.ctx.db);
    const keys = IssuerKeysResponse.parse((await call(server.app, 'GET', '/v1/issuer-keys')).body).keys;
    for (const k of keys) {
      const certified = await chain.signingKey(k.certificate, { kid: k.kid, at: Date.now() });
      expect(certified.ok && certified.value.kid).toBe(k.kid);
      expect(Date.parse(k.notAfter) - Date.parse(k.notBefore)).toBeGreaterThan(4.9 * 365 * 86_400_000);
    }
    const time = SignedTimeResponse.parse(
      (await call(server.app, 'GET', '/v1/time?nonce=trust-chain-1')).body,
    );
    expect(await verifySignedTime(chain, time, { nonce: 'trust-chain-1' })).toMatchObject({ ok: true });
  });

  it('first start on a database from before the trust chain creates the root and certifies the existing key (upgrade)', async () => {
    const target: DatabaseTarget =
      db === 'postgres'
        ? { kind: 'postgres', url: await createPostgresDatabase(inject('postgresUrl')) }
        : { kind: 'pglite', dataDir: 'memory://' };
    const opened = (await openDatabase(target)).db;
    try {
      await migrateToLatest(opened);
      const { kid } = await ensureSigningKey(opened, MASTER);
      const uncertified = await opened.selectFrom('signing_keys').selectAll().executeTakeFirstOrThrow();
      expect(uncertified.cert_payload).toBeNull();
      const first = await ensureTrust(opened, MASTER);
      expect(first).toMatchObject({
        rootCreated: true,
        activeKid: kid,
        certified: [kid],
        rotated: false,
        serial: 1,
      });
      const certified = await opened.selectFrom('signing_keys').selectAll().executeTakeFirstOrThrow();
      expect(certified.not_before?.getTime()).toBe(uncertified.created_at.getTime());
      expect(await ensureTrust(opened, MASTER)).toMatchObject({
        rootCreated: false,
        certified: [],
        rotated: false,
        serial: 1,
      });
      const nearEnd = new Date(Date.now() + 30 * 86_400_000);
      await opened.updateTable('signing_keys').set({ not_after: nearEnd }).where('kid', '=', kid).execute();
      const renewed = await ensureTrust(opened, MASTER);
      expect(renewed).toMatchObject({ rotated: true });
      expect(renewed.activeKid).not.toBe(kid);
      const root = await opened.selectFrom('root_keys').selectAll().executeTakeFirstOrThrow();
      expect(root.private_key_enc).toMatch(/^v2\./);
      expect(unseal(MASTER, root.private_key_enc)).toMatch(/^MC4CAQAwBQYDK2Vw/);
      expect(() => unseal(Buffer.alloc(32, 1), root.private_key_enc)).toThrow();
    } finally {
      await opened.destroy();
    }
  });

  it.runIf(db === 'postgres')(
    'three first starts at once create one root, one active key and one revocation list',
    async () => {
      const url = await createPostgresDatabase(inject('postgresUrl'));
      const dbs = await Promise.all(
        [0, 1, 2].map(async () => (await openDatabase({ kind: 'postgres', url })).db),
      );
      try {
        await migrateToLatest(dbs[0]!);
        const starts = await Promise.all(dbs.map((each) => ensureTrust(each, MASTER)));
        expect(starts.filter((s) => s.rootCreated)).toHaveLength(1);
        expect(new Set(starts.map((s) => s.rootKid)).size).toBe(1);
        expect(new Set(starts.map((s) => s.activeKid)).size).toBe(1);
        const count = async (table: 'root_keys' | 'signing_keys' | 'revocation_lists') =>
          Number(
            (
              await dbs[0]!
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        expect([
          await count('root_keys'),
          await count('signing_keys'),
          await count('revocation_lists'),
        ]).toEqual([1, 1, 1]);
      } finally {
        await Promise.all(dbs.map((each) => each.destroy()));
      }
    },
  );
});
