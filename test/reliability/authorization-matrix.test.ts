import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ErrorBody } from '../../shared/contracts/http/common';
import { addMember, createOrganization, createUser } from '../../src-server/services/provisioning';
import { fakeMachine } from '../support/machines';
import { seedOrg, seedSubscription, type SeededOrg } from '../support/seed';
import { startTestServer, type TestServer } from '../support/test-server';
import { listRoutes, sample, sampleUrl, type Route, type Samples } from './support/openapi-routes';

/** Routes anyone may call: health, the issuer's public keys and the signed time. Any other route needs a key. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /v1/issuer-keys',
  'GET /v1/trust/revocations',
  'GET /v1/time',
]);
/** Organization routes a plain Member may use; every other /v1/orgs/{orgId}/… route is Owner/Admin only (R15). */
const MEMBER_ALLOWED = new Set<string>([]);
/** Codes that mean "who you are may not do this"; a domain refusal (e.g. NOT_LICENSED) is not one. */
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'INVALID_API_KEY', 'FORBIDDEN_ROLE', 'UNKNOWN_ORGANIZATION']);
const BAD_KEY = `tsk_${'b'.repeat(52)}`;
type Who = 'owner' | 'admin' | 'member' | 'outsider' | 'none' | 'bad';
const WHO: readonly Who[] = ['owner', 'admin', 'member', 'outsider', 'none', 'bad'];
const id = (r: Route): string => `${r.method} ${r.path}`;
/** Routes that change who may act (remove a member, revoke or reissue keys): each call gets its own target. */
const changesMembership = (r: Route): boolean => /^\/v1\/orgs\/\{orgId\}\/members\/\{userId\}/.test(r.path);
/** Rotating one's own key revokes the caller's key: run it last, once per caller. */
const rotatesOwnKey = (r: Route): boolean => r.path === '/v1/me/api-key';
const isOrgRoute = (r: Route): boolean => r.path.startsWith('/v1/orgs/{orgId}');
/** Billing routes take the billing system's token (tsb_…), never a user's API key. */
const isBillingRoute = (r: Route): boolean => r.path.startsWith('/v1/billing/');

/** What `who` must get from `route`: an exact status + code, or 'allowed' (no auth refusal, no 5xx). */
function expected(route: Route, who: Who): [number, string] | 'allowed' {
  if (!route.secured) return 'allowed';
  if (who === 'none') return [401, 'UNAUTHENTICATED'];
  if (isBillingRoute(route)) return [401, 'INVALID_BILLING_TOKEN'];
  if (who === 'bad') return [401, 'INVALID_API_KEY'];
  if (!isOrgRoute(route)) return 'allowed';
  if (who === 'outsider') return [404, 'UNKNOWN_ORGANIZATION'];
  if (who === 'member' && !MEMBER_ALLOWED.has(id(route))) return [403, 'FORBIDDEN_ROLE'];
  return 'allowed';
}

describe('R15 authorization: every route of the OpenAPI document × every role', () => {
  let server: TestServer;
  let org: SeededOrg;
  let routes: Route[];
  let samples: Samples;
  let tree: { childOrgId: string; siblingOrgId: string; childAdmin: string; siblingAdmin: string };
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx, 'Matrix');
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 100 });
    await seedSubscription(server.ctx, org.orgId, { productId: 'kse', kind: 'per-user', quota: 100 });
    const childOrgId = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Matrix child',
      parentId: org.orgId,
    });
    const siblingOrgId = await createOrganization(server.ctx.db, {
      accountId: org.accountId,
      name: 'Matrix sibling',
      parentId: org.orgId,
    });
    const adminOf = async (orgId: string): Promise<string> => {
      const user = await createUser(server.ctx.db, { email: `a-${randomUUID()}@matrix.test`, name: 'A' });
      await addMember(server.ctx.db, { orgId, userId: user.userId, role: 'admin' });
      return user.apiKey;
    };
    tree = {
      childOrgId,
      siblingOrgId,
      childAdmin: await adminOf(childOrgId),
      siblingAdmin: await adminOf(siblingOrgId),
    };
    routes = await listRoutes(server.app);
    samples = {
      orgId: () => org.orgId,
      productId: () => 'kre',
      userId: () => org.member.userId,
      fromUserId: () => org.member.userId,
      toUserId: () => org.admin.userId,
      machineId: () => fakeMachine().machineId,
      machine: () => fakeMachine(),
      sessionId: () => randomUUID(),
      childOrgId: () => childOrgId,
      from: () => new Date(Date.now() - 86_400_000).toISOString(),
      to: () => new Date().toISOString(),
      email: () => `matrix-${randomUUID()}@matrix.test`,
      name: () => 'Matrix user',
      role: () => 'member',
    };
  });
  afterAll(() => server.close());

  const send = async (
    route: Route,
    who: Who | { key: string },
    override: Record<string, string> = {},
    body?: unknown,
  ) => {
    const key =
      typeof who === 'object'
        ? who.key
        : who === 'none'
          ? undefined
          : who === 'bad'
            ? BAD_KEY
            : org[who].apiKey;
    const payload = body ?? (route.body ? sample(route.body, samples) : undefined);
    const res = await server.app.inject({
      method: route.method,
      url: sampleUrl(route, samples, override),
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const error = ErrorBody.safeParse(res.body.startsWith('{') ? JSON.parse(res.body) : null);
    return { status: res.statusCode, code: error.success ? error.data.error.code : null };
  };

  const sendRaw = async (route: Route, override: Record<string, string>) => {
    const payload = route.body ? sample(route.body, samples) : undefined;
    const res = await server.app.inject({
      method: route.method,
      url: sampleUrl(route, samples, override),
      headers: { authorization: `Bearer ${org.admin.apiKey}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body };
  };

  it('R15 the document lists the agent and admin routes, and only the known public ones are unauthenticated', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(
      routes
        .filter((r) => !r.secured)
        .map(id)
        .filter((r) => !PUBLIC.has(r)),
    ).toEqual([]);
    expect(routes.filter((r) => PUBLIC.has(id(r))).every((r) => !r.secured)).toBe(true);
  });

  it('R13–R15 down the tree: an ancestor admin administers a sub-organization; a descendant, a sibling or another account gets 404 like a missing organization', async () => {
    const wrong: string[] = [];
    const throwawayMember = async (orgId: string): Promise<string> => {
      const user = await createUser(server.ctx.db, { email: `t-${randomUUID()}@matrix.test`, name: 'T' });
      await addMember(server.ctx.db, { orgId, userId: user.userId, role: 'member' });
      return user.userId;
    };
    const unknown: [number, string] = [404, 'UNKNOWN_ORGANIZATION'];
    const cases: { who: string; key: string; orgId: string; want: [number, string] | 'allowed' }[] = [
      { who: 'ancestor owner', key: org.owner.apiKey, orgId: tree.childOrgId, want: 'allowed' },
      { who: 'ancestor admin', key: org.admin.apiKey, orgId: tree.childOrgId, want: 'allowed' },
      {
        who: 'ancestor member',
        key: org.member.apiKey,
        orgId: tree.childOrgId,
        want: [403, 'FORBIDDEN_ROLE'],
      },
      { who: 'descendant admin', key: tree.childAdmin, orgId: org.orgId, want: unknown },
      { who: 'sibling admin', key: tree.siblingAdmin, orgId: tree.childOrgId, want: unknown },
      { who: 'other account admin', key: org.outsider.apiKey, orgId: tree.childOrgId, want: unknown },
    ];
    for (const route of routes.filter(isOrgRoute))
      for (const c of cases) {
        const override: Record<string, string> = { orgId: c.orgId };
        if (changesMembership(route)) override.userId = await throwawayMember(c.orgId);
        const got = await send(route, { key: c.key }, override);
        const ok =
          c.want === 'allowed'
            ? got.status < 500 && got.status !== 401 && !AUTH_CODES.has(got.code ?? '')
            : got.status === c.want[0] && got.code === c.want[1];
        if (!ok)
          wrong.push(
            `${id(route)} as ${c.who}: got ${got.status} ${got.code}, want ${JSON.stringify(c.want)}`,
          );
      }
    expect(wrong).toEqual([]);
  });

  it('R15 every route answers each role as the matrix says (no key 401, foreign org 404 like a missing one, member 403 on admin routes)', async () => {
    const wrong: string[] = [];
    const throwawayMember = async (): Promise<string> => {
      const user = await createUser(server.ctx.db, { email: `t-${randomUUID()}@matrix.test`, name: 'T' });
      await addMember(server.ctx.db, { orgId: org.orgId, userId: user.userId, role: 'member' });
      return user.userId;
    };
    const ordered = [...routes.filter((r) => !rotatesOwnKey(r)), ...routes.filter(rotatesOwnKey)];
    for (const route of ordered)
      for (const who of WHO) {
        const override: Record<string, string> = changesMembership(route)
          ? { userId: await throwawayMember() }
          : {};
        const got = await send(route, who, override);
        const want = expected(route, who);
        const ok =
          want === 'allowed'
            ? got.status < 500 && got.status !== 401 && !AUTH_CODES.has(got.code ?? '')
            : got.status === want[0] && got.code === want[1];
        if (!ok)
          wrong.push(`${id(route)} as ${who}: got ${got.status} ${got.code}, want ${JSON.stringify(want)}`);
      }
    expect(wrong).toEqual([]);
  });

  it('R15 a foreign organization answers every org route exactly like one that does not exist (no existence oracle)', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter(isOrgRoute)) {
      const foreign = await sendRaw(route, { orgId: org.otherOrgId });
      const missing = await sendRaw(route, { orgId: randomUUID() });
      if (foreign.status !== missing.status || foreign.body !== missing.body)
        wrong.push(
          `${id(route)}: foreign ${foreign.status} ${foreign.body} ≠ missing ${missing.status} ${missing.body}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('R15 R20 naming another organization in a body or query never reaches its licenses', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.secured && !isOrgRoute(r))) {
      const inQuery = route.params.some((p) => p.name === 'organizationId');
      const inBody = route.body?.properties?.organizationId !== undefined;
      if (!inQuery && !inBody) continue;
      const body = route.body
        ? {
            ...(sample(route.body, samples) as object),
            ...(inBody ? { organizationId: org.otherOrgId } : {}),
          }
        : undefined;
      const got = await send(route, 'member', inQuery ? { organizationId: org.otherOrgId } : {}, body);
      if (got.status < 400 || got.status >= 500) wrong.push(`${id(route)}: got ${got.status} ${got.code}`);
    }
    expect(wrong).toEqual([]);
  });
});
