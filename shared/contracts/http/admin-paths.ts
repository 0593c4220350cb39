// The admin console's URLs, kept apart from paths.ts so the License Management routes and the desktop
// admin proxy (src-main/services/admin-routes.ts) cannot drift on a path.

const e = encodeURIComponent;
const org = (orgId: string): string => `/v1/orgs/${e(orgId)}`;
const product = (orgId: string, productId: string): string => `${org(orgId)}/products/${e(productId)}`;

/** Every admin read and operation of one organization (owner/admin only, R15). */
export const ADMIN_PATHS = {
  subscriptions: (orgId: string) => `${org(orgId)}/subscriptions`,
  subscription: (orgId: string, productId: string) => `${product(orgId, productId)}/subscription`,
  licensedUsers: (orgId: string, productId: string) => `${product(orgId, productId)}/licensed-users`,
  onlineLicenses: (orgId: string, productId: string) => `${product(orgId, productId)}/online-licenses`,
  offlineLicenses: (orgId: string, productId: string) => `${product(orgId, productId)}/offline-licenses`,
  machines: (orgId: string, productId: string) => `${product(orgId, productId)}/machines`,
  sessions: (orgId: string, productId: string) => `${product(orgId, productId)}/sessions`,
  machine: (orgId: string, productId: string, machineId: string) =>
    `${product(orgId, productId)}/machines/${e(machineId)}`,
  members: (orgId: string) => `${org(orgId)}/members`,
  member: (orgId: string, userId: string) => `${org(orgId)}/members/${e(userId)}`,
  memberRole: (orgId: string, userId: string) => `${org(orgId)}/members/${e(userId)}/role`,
  memberKey: (orgId: string, userId: string) => `${org(orgId)}/members/${e(userId)}/api-key`,
  memberKeyRevoke: (orgId: string, userId: string) => `${org(orgId)}/members/${e(userId)}/api-key/revoke`,
  ownKey: '/v1/me/api-key',
  offlineLicense: (orgId: string, licenseId: string) => `${org(orgId)}/offline-licenses/${e(licenseId)}`,
  tree: (orgId: string, productId: string) => `${product(orgId, productId)}/tree`,
  dedication: (orgId: string, productId: string, childOrgId: string) =>
    `${product(orgId, productId)}/dedications/${e(childOrgId)}`,
  usage: (orgId: string, productId: string) => `${product(orgId, productId)}/usage`,
  audit: (orgId: string) => `${org(orgId)}/audit`,
  auditCsv: (orgId: string) => `${org(orgId)}/audit/export`,
  migrationPreview: (orgId: string, productId: string) => `${product(orgId, productId)}/migration/preview`,
  migration: (orgId: string, productId: string) => `${product(orgId, productId)}/migration`,
} as const;
