import type { FastifyInstance, RouteOptions } from 'fastify';

// OpenAPI summary and description of every operation, in one place so /docs reads as a manual. A route
// that sets its own `summary` keeps it; test/server/openapi-docs.test.ts fails on any operation left
// without both.

type Doc = readonly [summary: string, description: string];

const DOCS: Readonly<Record<string, Doc>> = {
  'GET /healthz': ['Liveness', 'Answers while the process runs; no database access.'],
  'GET /readyz': [
    'Readiness',
    'Ready only when the database answers and the active signing key can be used.',
  ],
  'GET /v1/me': [
    'Who am I',
    'The caller (from the API key), their organizations with roles, and `subscribedProducts`: the products with a current subscription in one of their organizations or an ancestor (R13), which the app offers under "Activate a product". Used by login to check a key before storing it.',
  ],
  'POST /v1/me/api-key': [
    'Rotate my API key',
    'Revokes the caller’s keys and returns a new one, shown once.',
  ],
  'POST /v1/activations': [
    'Activate a product on a machine',
    'Applies the product’s rules (R1, R19–R22, R25, R26) in one locked transaction and returns a signed lease bound to the machine ID.',
  ],
  'DELETE /v1/activations/:machineId': [
    'Deactivate a machine',
    'Gives the license of this machine back (R22); its sessions end.',
  ],
  'POST /v1/sessions': [
    'Check out a session',
    'Takes one session of a session-based, floating or per-User license (R2, R19, R21, R26); TrueTest names the application under test (R3).',
  ],
  'POST /v1/sessions/:sessionId/heartbeat': [
    'Heartbeat',
    'Keeps a session alive; refused with the reason once the session was ended (culled, released, seat or member removed, key revoked).',
  ],
  'DELETE /v1/sessions/:sessionId': ['Release a session', 'Ends the caller’s session and frees its license.'],
  'DELETE /v1/orgs/:orgId/sessions/:sessionId': [
    'Force-release a session',
    'An Owner or Admin ends a live session of their organization (R15).',
  ],
  'GET /v1/issuer-keys': [
    'Signing keys and their certificates',
    'Public: every signing key with its root-signed certificate. Agents never take trust from it; their roots are fixed at build time.',
  ],
  'GET /v1/trust/revocations': [
    'Revocation list',
    'Public: the latest root-signed list of revoked signing keys (leases carry it too).',
  ],
  'GET /v1/time': [
    'Signed time',
    'Public: the server’s clock signed with a certified key over the caller’s nonce, so agents detect a clock set back.',
  ],
  'GET /v1/orgs/:orgId/subscriptions': [
    'Subscriptions',
    'The products this organization may use (its own and its ancestors’ subscriptions, R13).',
  ],
  'GET /v1/orgs/:orgId/products/:productId/subscription': [
    'Subscription details',
    'Subscribed licenses, available licenses, machine quota and expiry of one product (R16); a sub-organization without its own subscription shows the one it draws on, naming it, with its own tree node (R13, R14).',
  ],
  'GET /v1/orgs/:orgId/products/:productId/licensed-users': [
    'Licensed users',
    'Users holding a license of this product (R16), paged.',
  ],
  'GET /v1/orgs/:orgId/products/:productId/online-licenses': [
    'Online licenses',
    'Machine IDs with an active online license (R16, R22), paged.',
  ],
  'GET /v1/orgs/:orgId/products/:productId/offline-licenses': [
    'Offline licenses of a product',
    'Machine IDs bound to offline licenses (R8, R16), paged.',
  ],
  'GET /v1/orgs/:orgId/products/:productId/machines': [
    'Registered machines',
    "Every machine ID using an online or offline license (R16), newest last-seen first. Keyset paging: `after` (the previous page's `next`) reads on, `seenAtOrBefore` jumps to a last-seen time; `offset` stops at 1,000.",
  ],
  'GET /v1/orgs/:orgId/products/:productId/sessions': [
    'Live sessions',
    'Sessions of a product running now (R19, R21), newest first; filter by user, machine or a name, e-mail or machine-ID fragment.',
  ],
  'DELETE /v1/orgs/:orgId/products/:productId/machines/:machineId': [
    'Remove a machine',
    'Removes a machine ID and its online license (R23); its sessions end with MACHINE_REMOVED.',
  ],
  'GET /v1/orgs/:orgId/products/:productId/migration/preview': [
    'Migration preview',
    'What a manual migration off node-locked and floating licenses would do (R28–R30), without doing it.',
  ],
  'POST /v1/orgs/:orgId/products/:productId/migration': [
    'Migrate now',
    'Applies the manual migration the preview showed (R28, R29).',
  ],
  'GET /v1/orgs/:orgId/renewals': [
    'Scheduled renewals',
    'Renewal orders of this organization’s subscriptions with the plan each applies (R28–R30).',
  ],
  'GET /v1/orgs/:orgId/members': [
    'Members',
    'Members of the organization with their roles; search by name or email; scope=subtree adds the members of every sub-organization, each with their organization (R13).',
  ],
  'POST /v1/orgs/:orgId/members': [
    'Add a member',
    'Adds a user by email (creating them with a first API key, shown once); Owners and Admins (R15).',
  ],
  'PUT /v1/orgs/:orgId/members/:userId/role': [
    'Change a role',
    'Owner, Admin or Member; only an Owner makes an Owner, and the last Owner stays.',
  ],
  'DELETE /v1/orgs/:orgId/members/:userId': [
    'Remove a member',
    'Removes the membership; their seats, activations and sessions in this organization end (MEMBER_REMOVED).',
  ],
  'POST /v1/orgs/:orgId/members/:userId/api-key/revoke': [
    'Revoke a member’s API key',
    'Their keys stop working at once and their sessions end (KEY_REVOKED).',
  ],
  'POST /v1/orgs/:orgId/members/:userId/api-key': [
    'Reissue a member’s API key',
    'Revokes their keys and returns a new one, shown once.',
  ],
  'GET /v1/orgs/:orgId/products/:productId/tree': [
    'Organization tree',
    'Dedicated, Pool, Assigned and Available per organization in the subtree (R13, R14).',
  ],
  'PUT /v1/orgs/:orgId/products/:productId/dedications/:childOrgId': [
    'Dedicate licenses',
    'Sets how many licenses a sub-organization holds exclusively; never more than the pool (R14).',
  ],
  'GET /v1/orgs/:orgId/products/:productId/usage': [
    'Utilization',
    "Peak and average concurrent licenses in use per hour or day (starting at the viewer's hours or midnights in `timeZone`, default UTC), the quota per bucket, and the count in use now as License Management shows it.",
  ],
  'GET /v1/orgs/:orgId/audit': [
    'Audit log',
    'License events of the organization, filtered by action, user, machine or time; paged.',
  ],
  'GET /v1/orgs/:orgId/audit/export': [
    'Audit log as CSV',
    'The filtered audit log as CSV (cells safe for spreadsheets).',
  ],
  'POST /v1/orgs/:orgId/offline-licenses': [
    'Create an offline license',
    'Signs a machine-bound offline license (R5–R10); a machine that holds a valid one for the product gets that one back.',
  ],
  'GET /v1/orgs/:orgId/offline-licenses/:licenseId': [
    'Download an offline license again',
    'The stored signed file of an offline license made earlier.',
  ],
  'POST /v1/orgs/:orgId/seats': [
    'Grant a license',
    'Gives a member a seat or per-User license, never past the quota (R1, R15, R17).',
  ],
  'POST /v1/orgs/:orgId/seats/transfer': [
    'Transfer a license',
    'Moves a license from one user to another (R24).',
  ],
  'DELETE /v1/orgs/:orgId/seats/:userId': [
    'Remove a licensed user',
    'Frees the seat; the user’s activations and sessions end (R23, SEAT_REMOVED).',
  ],
  'POST /v1/billing/renewals': [
    'Schedule a renewal (billing)',
    'The billing system orders a renewal: new end, quantity, due time. Needs a billing token.',
  ],
  'GET /v1/billing/renewals': [
    'Renewal orders (billing)',
    'Orders the billing system placed, with their status.',
  ],
  'GET /v1/billing/renewals/:orderId': [
    'One renewal order (billing)',
    'Its status, plan and failure reason, if any.',
  ],
  'DELETE /v1/billing/renewals/:orderId': [
    'Cancel a renewal order (billing)',
    'Cancels an order that has not been applied.',
  ],
};

/** The documentation of one operation (method + URL as registered), if written. */
export const routeDoc = (method: string, url: string): Doc | undefined => DOCS[`${method} ${url}`];

/** Fills in summary and description of every route registered after it (not hidden ones). */
export function documentRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as (Record<string, unknown> & { hide?: boolean }) | undefined;
    if (schema === undefined || schema.hide === true) return;
    for (const method of [route.method].flat()) {
      const doc = routeDoc(method, route.url);
      if (doc === undefined) continue;
      schema.summary ??= doc[0];
      schema.description ??= doc[1];
    }
  });
}
