import type { z } from 'zod';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { HTTP_PATHS } from '../../shared/contracts/http/paths';
import { RENEWAL_PATHS } from '../../shared/contracts/http/renewals';
import type { IpcChannel, IpcRequest } from '../../shared/contracts/ipc';
import type { HttpRequest } from '../adapters/http-client';

/** The channels the admin proxy forwards to the license server. */
export type AdminChannel = Extract<IpcChannel, `admin:${string}`>;

/** How one channel becomes an HTTP request; `map` reshapes a server body the IPC schema then checks. */
export type AdminRoute<C extends AdminChannel> = (payload: IpcRequest<C>) => Omit<
  HttpRequest<z.ZodType>,
  'schema' | 'apiKey'
> & {
  map?: (body: unknown) => unknown;
};

const page = (p: { offset: number; limit: number }) => ({ offset: p.offset, limit: p.limit });

/**
 * Server routes behind each admin channel. Routes the server does not offer yet are absent and answer
 * NOT_FOUND with a sentence; adding one here is the whole job of wiring a new admin operation. Adding a
 * member and reissuing a key are not here: their new key goes to the admin's key window (member-keys.ts).
 */
export const ADMIN_ROUTES: { [C in AdminChannel]?: AdminRoute<C> } = {
  'admin:list-subscriptions': ({ orgId }) => ({ method: 'GET', path: ADMIN_PATHS.subscriptions(orgId) }),
  'admin:get-subscription': ({ orgId, productId }) => ({
    method: 'GET',
    path: ADMIN_PATHS.subscription(orgId, productId),
  }),
  'admin:list-licensed-users': ({ orgId, productId, page: p }) => ({
    method: 'GET',
    path: ADMIN_PATHS.licensedUsers(orgId, productId),
    query: page(p),
  }),
  'admin:add-licensed-user': ({ orgId, productId, userId }) => ({
    method: 'POST',
    path: HTTP_PATHS.seats(orgId),
    body: { productId, userId },
  }),
  'admin:remove-licensed-user': ({ orgId, productId, userId }) => ({
    method: 'DELETE',
    path: HTTP_PATHS.seat(orgId, userId, productId),
    map: () => ({ done: true }),
  }),
  'admin:transfer-license': ({ orgId, productId, fromUserId, toUserId }) => ({
    method: 'POST',
    path: HTTP_PATHS.seatTransfer(orgId),
    body: { productId, fromUserId, toUserId },
    map: () => ({ done: true }),
  }),
  'admin:list-online-licenses': ({ orgId, productId, page: p }) => ({
    method: 'GET',
    path: ADMIN_PATHS.onlineLicenses(orgId, productId),
    query: page(p),
  }),
  'admin:list-offline-licenses': ({ orgId, productId, page: p }) => ({
    method: 'GET',
    path: ADMIN_PATHS.offlineLicenses(orgId, productId),
    query: page(p),
  }),
  'admin:create-offline-license': ({ orgId, productId, machineId, expiresAt }) => ({
    method: 'POST',
    path: HTTP_PATHS.offlineLicenses(orgId),
    body: expiresAt === undefined ? { productId, machineId } : { productId, machineId, expiresAt },
    map: (body) => body,
  }),
  'admin:list-machines': ({ orgId, productId, page: p, query, after, seenAtOrBefore }) => ({
    method: 'GET',
    path: ADMIN_PATHS.machines(orgId, productId),
    query: { ...page(p), query, after, seenAtOrBefore },
  }),
  'admin:remove-machine': ({ orgId, productId, machineId }) => ({
    method: 'DELETE',
    path: ADMIN_PATHS.machine(orgId, productId, machineId),
  }),
  'admin:force-release': ({ orgId, sessionId }) => ({
    method: 'DELETE',
    path: HTTP_PATHS.orgSession(orgId, sessionId),
    map: () => ({ done: true }),
  }),
  'admin:list-members': ({ orgId, page: p, query, scope }) => ({
    method: 'GET',
    path: ADMIN_PATHS.members(orgId),
    query: { ...page(p), query, scope },
  }),
  'admin:get-org-tree': ({ orgId, productId }) => ({
    method: 'GET',
    path: ADMIN_PATHS.tree(orgId, productId),
  }),
  'admin:dedicate-licenses': ({ orgId, childOrgId, productId, count }) => ({
    method: 'PUT',
    path: ADMIN_PATHS.dedication(orgId, productId, childOrgId),
    body: { count },
  }),
  'admin:get-usage': ({ orgId, productId, from, to, bucket, timeZone }) => ({
    method: 'GET',
    path: ADMIN_PATHS.usage(orgId, productId),
    query: { from, to, bucket, ...(timeZone !== undefined ? { timeZone } : {}) },
  }),
  'admin:list-audit': ({ orgId, filter, page: p }) => ({
    method: 'GET',
    path: ADMIN_PATHS.audit(orgId),
    query: { ...filter, ...page(p) },
  }),
  'admin:export-audit-csv': ({ orgId, filter }) => ({
    method: 'GET',
    path: ADMIN_PATHS.auditCsv(orgId),
    query: { ...filter },
  }),
  'admin:preview-migration': ({ orgId, productId }) => ({
    method: 'GET',
    path: ADMIN_PATHS.migrationPreview(orgId, productId),
  }),
  'admin:apply-migration': ({ orgId, productId }) => ({
    method: 'POST',
    path: ADMIN_PATHS.migration(orgId, productId),
    body: {},
  }),
  'admin:list-renewals': ({ orgId }) => ({ method: 'GET', path: RENEWAL_PATHS.orgRenewals(orgId) }),
  'admin:list-live-sessions': ({ orgId, productId, page: p, query, userId, machineId }) => ({
    method: 'GET',
    path: ADMIN_PATHS.sessions(orgId, productId),
    query: { ...page(p), query, userId, machineId },
  }),
  'admin:remove-member': ({ orgId, userId }) => ({
    method: 'DELETE',
    path: ADMIN_PATHS.member(orgId, userId),
  }),
  'admin:change-member-role': ({ orgId, userId, role }) => ({
    method: 'PUT',
    path: ADMIN_PATHS.memberRole(orgId, userId),
    body: { role },
  }),
  'admin:revoke-member-key': ({ orgId, userId }) => ({
    method: 'POST',
    path: ADMIN_PATHS.memberKeyRevoke(orgId, userId),
    body: {},
  }),
  'admin:download-offline-license': ({ orgId, licenseId }) => ({
    method: 'GET',
    path: ADMIN_PATHS.offlineLicense(orgId, licenseId),
    map: (body) => body,
  }),
};
