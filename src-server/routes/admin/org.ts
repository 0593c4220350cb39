import { AdminOrgParams, OrgProductParams } from '../../../shared/contracts/http/admin-licenses';
import { MembersQuery } from '../../../shared/contracts/http/admin-people';
import {
  DedicationBody,
  DedicationParams,
  MembersPage,
  OrgTree,
  UsageQuery,
  UsageSeries,
} from '../../../shared/contracts/http/admin-org';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { membersPage } from '../../services/admin/members-page';
import { dedicateLicenses, orgTree } from '../../services/admin/org-tree';
import { usageSeries } from '../../services/admin/usage-series';
import { BEARER, type RouteModule } from '../route-deps';

const doc = { tags: ['admin'], security: BEARER };

/** Members (R18 warning), the allocation tree and dedications (R13, R14), and the utilization series. */
export const orgAdminRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.get(
    '/v1/orgs/:orgId/members',
    {
      ...auth,
      schema: {
        ...doc,
        params: AdminOrgParams,
        querystring: MembersQuery,
        response: { 200: MembersPage, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await membersPage(ctx, { userId: callerOf(request).userId, ...request.params, ...request.query }),
      ),
  );
  app.get(
    '/v1/orgs/:orgId/products/:productId/tree',
    { ...auth, schema: { ...doc, params: OrgProductParams, response: { 200: OrgTree, ...errorResponses } } },
    async (request) =>
      valueOrRefuse(await orgTree(ctx, { userId: callerOf(request).userId, ...request.params })),
  );
  app.put(
    '/v1/orgs/:orgId/products/:productId/dedications/:childOrgId',
    {
      ...auth,
      schema: {
        ...doc,
        params: DedicationParams,
        body: DedicationBody,
        response: { 200: OrgTree, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await dedicateLicenses(ctx, {
          userId: callerOf(request).userId,
          ...request.params,
          count: request.body.count,
        }),
      ),
  );
  app.get(
    '/v1/orgs/:orgId/products/:productId/usage',
    {
      ...auth,
      schema: {
        ...doc,
        params: OrgProductParams,
        querystring: UsageQuery,
        response: { 200: UsageSeries, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await usageSeries(ctx, { userId: callerOf(request).userId, ...request.params, ...request.query }),
      ),
  );
};
