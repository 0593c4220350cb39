import { OrgProductParams } from '../../../shared/contracts/http/admin-licenses';
import { LiveSessionsPage, LiveSessionsQuery } from '../../../shared/contracts/http/admin-people';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { liveSessionsPage } from '../../services/admin/live-sessions';
import { BEARER, type RouteModule } from '../route-deps';

/** Live Sessions (R19, R21): what runs now, for the admin console's force-release per user and machine. */
export const liveSessionRoutes: RouteModule = async (app, { ctx }) => {
  app.get(
    '/v1/orgs/:orgId/products/:productId/sessions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: OrgProductParams,
        querystring: LiveSessionsQuery,
        response: { 200: LiveSessionsPage, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await liveSessionsPage(ctx, { userId: callerOf(request).userId, ...request.params }, request.query),
      ),
  );
};
