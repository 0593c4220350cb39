import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { createOrganization } from '../../../src-server/services/provisioning';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import type { AdminRequest } from './admin-kit';
import { send } from './admin-kit';

type Who = 'owner' | 'admin' | 'member' | 'outsider' | 'none';
const EXPECTED: Record<Who, [number, string] | 'allowed'> = {
  owner: 'allowed',
  admin: 'allowed',
  member: [403, 'FORBIDDEN_ROLE'],
  outsider: [404, 'UNKNOWN_ORGANIZATION'],
  none: [401, 'UNAUTHENTICATED'],
};

/** Every admin operation of this module, as one request against organization `org` (managers may get a 404 for the unknown machine, never 401/403). */
const operations = (org: SeededOrg, child: string): Record<string, Omit<AdminRequest, 'key'>> => {
  const page = { offset: 0, limit: 10 };
  const now = Date.now();
  return {
    'list subscriptions': { method: 'GET', url: ADMIN_PATHS.subscriptions(org.orgId) },
    'subscription details': { method: 'GET', url: ADMIN_PATHS.subscription(org.orgId, 'kse') },
    'licensed users': { method: 'GET', url: ADMIN_PATHS.licensedUsers(org.orgId, 'kse'), query: page },
    'online licenses': { method: 'GET', url: ADMIN_PATHS.onlineLicenses(org.orgId, 'kse'), query: page },
    'offline licenses': { method: 'GET', url: ADMIN_PATHS.offlineLicenses(org.orgId, 'kse'), query: page },
    'registered machines': { method: 'GET', url: ADMIN_PATHS.machines(org.orgId, 'kse'), query: page },
    'remove machine': {
      method: 'DELETE',
      url: ADMIN_PATHS.machine(org.orgId, 'kse', fakeMachine().machineId),
    },
    members: { method: 'GET', url: ADMIN_PATHS.members(org.orgId), query: page },
    'org tree': { method: 'GET', url: ADMIN_PATHS.tree(org.orgId, 'kse') },
    dedicate: { method: 'PUT', url: ADMIN_PATHS.dedication(org.orgId, 'kse', child), body: { count: 1 } },
    usage: {
      method: 'GET',
      url: ADMIN_PATHS.usage(org.orgId, 'kse'),
      query: {
        from: new Date(now - 86_400_000).toISOString(),
        to: new Date(now).toISOString(),
        bucket: 'hour',
      },
    },
    audit: { method: 'GET', url: ADMIN_PATHS.audit(org.orgId), query: page },
    'audit csv': { method: 'GET', url: ADMIN_PATHS.auditCsv(org.orgId) },
    'migration preview': { method: 'GET', url: ADMIN_PATHS.migrationPreview(org.orgId, 'kse') },
    'migration apply': { method: 'POST', url: ADMIN_PATHS.migration(org.orgId, 'kse'), body: {} },
  };
};

describe.each(DB_KINDS)('admin authorization matrix (%s)', (db) => {
  let server: TestServer;
  let org: SeededOrg;
  let child: string;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    child = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Child',
      parentId: org.orgId,
    });
  });
  afterAll(() => server.close());

  const whos = Object.keys(EXPECTED) as Who[];
  it('R15 only the Owner or an Admin of the organization reaches any admin operation', async () => {
    const table: string[] = [];
    for (const [name, request] of Object.entries(operations(org, child))) {
      for (const who of whos) {
        const key = who === 'none' ? undefined : org[who].apiKey;
        const res = await send(server.app, { ...request, key });
        const expected = EXPECTED[who];
        const code = (res.body as { error?: { code?: string } } | null)?.error?.code ?? null;
        const pass =
          expected === 'allowed'
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : res.status === expected[0] && code === expected[1];
        if (!pass) table.push(`${name} as ${who}: ${res.status} ${code ?? ''}`);
      }
    }
    expect(table).toEqual([]);
  });

  it('R15 an admin of another organization cannot read or change this one through their own IDs', async () => {
    const other = await seedOrg(server.ctx, 'Other');
    await seedSubscription(server.ctx, other.orgId, { productId: 'kse', kind: 'per-user', quota: 5 });
    const foreignChild = await createOrganization(server.ctx.db, {
      accountId: other.accountId,
      name: 'Foreign child',
      parentId: other.orgId,
    });
    const dedicate = await send(server.app, {
      method: 'PUT',
      url: ADMIN_PATHS.dedication(org.orgId, 'kse', foreignChild),
      key: org.admin.apiKey,
      body: { count: 1 },
    });
    expect(dedicate.status).toBeGreaterThanOrEqual(400);
    const theirs = await server.ctx.db
      .selectFrom('dedications')
      .select('count')
      .where('org_id', '=', foreignChild)
      .execute();
    expect(theirs).toEqual([]);
    const audit = await send(server.app, {
      method: 'GET',
      url: ADMIN_PATHS.audit(other.orgId),
      key: org.admin.apiKey,
    });
    expect(audit.status).toBe(404);
  });
});
