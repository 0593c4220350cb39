import {
  KeyRevocationResponse,
  MemberAddRequest,
  MemberParams,
  MemberRemovalResponse,
  MemberResponse,
  MemberRoleRequest,
  NewKeyResponse,
} from '../../../shared/contracts/http/admin-members';
import { AdminOrgParams } from '../../../shared/contracts/http/admin-licenses';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import {
  addMemberAs,
  changeRoleAs,
  reissueKeyAs,
  removeMemberAs,
  revokeKeyAs,
  rotateOwnKeyAs,
} from '../../services/member-http';
import { BEARER, type RouteModule } from '../route-deps';

const doc = { tags: ['admin'], security: BEARER };

/** Member and API-key lifecycle (R15, R23): add, re-role, remove, revoke and reissue; own-key rotation. */
export const memberAdminRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.post(
    '/v1/orgs/:orgId/members',
    {
      ...auth,
      schema: {
        ...doc,
        summary:
          'Add a member by email (an unknown email creates the user; their first API key is shown once)',
        params: AdminOrgParams,
        body: MemberAddRequest,
        response: { 201: MemberResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          valueOrRefuse(await addMemberAs(ctx, callerOf(request).userId, request.params.orgId, request.body)),
        ),
  );
  app.put(
    '/v1/orgs/:orgId/members/:userId/role',
    {
      ...auth,
      schema: {
        ...doc,
        summary: "Change a member's role (only an Owner touches an Owner; the last Owner stays)",
        params: MemberParams,
        body: MemberRoleRequest,
        response: { 200: MemberResponse, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await changeRoleAs(ctx, callerOf(request).userId, { ...request.params, role: request.body.role }),
      ),
  );
  app.delete(
    '/v1/orgs/:orgId/members/:userId',
    {
      ...auth,
      schema: {
        ...doc,
        summary: 'Remove a member: their seats go, their activations and sessions end (MEMBER_REMOVED)',
        params: MemberParams,
        response: { 200: MemberRemovalResponse, ...errorResponses },
      },
    },
    async (request) => valueOrRefuse(await removeMemberAs(ctx, callerOf(request).userId, request.params)),
  );
  app.post(
    '/v1/orgs/:orgId/members/:userId/api-key/revoke',
    {
      ...auth,
      schema: {
        ...doc,
        summary: "Revoke a member's API keys; their live sessions end (KEY_REVOKED)",
        params: MemberParams,
        response: { 200: KeyRevocationResponse, ...errorResponses },
      },
    },
    async (request) => {
      const done = await revokeKeyAs(ctx, callerOf(request).userId, request.params);
      if (done.ok) app.forgetCachedApiKeys();
      return valueOrRefuse(done);
    },
  );
  app.post(
    '/v1/orgs/:orgId/members/:userId/api-key',
    {
      ...auth,
      schema: {
        ...doc,
        summary: "Reissue a member's API key: the old ones are revoked, the new one is shown once",
        params: MemberParams,
        response: { 200: NewKeyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const done = await reissueKeyAs(ctx, callerOf(request).userId, request.params);
      if (done.ok) app.forgetCachedApiKeys();
      return valueOrRefuse(done);
    },
  );
  app.post(
    '/v1/me/api-key',
    {
      ...auth,
      schema: {
        tags: ['agent'],
        security: BEARER,
        summary: 'Rotate your own API key: the old one stops working, the new one is shown once',
        response: { 200: NewKeyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const done = await rotateOwnKeyAs(ctx, callerOf(request).userId);
      if (done.ok) app.forgetCachedApiKeys();
      return valueOrRefuse(done);
    },
  );
};
