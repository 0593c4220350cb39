import {
  LicensedUsersPage,
  OfflineLicensesPage,
  OnlineLicensesPage,
  OrgProductParams,
  PageQuery,
  SubscriptionDetailsView,
  SubscriptionList,
  AdminOrgParams,
} from '../../../shared/contracts/http/admin-licenses';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import {
  licensedUsersPage,
  offlineLicensesPage,
  onlineLicensesPage,
} from '../../services/admin/license-tables';
import { getSubscription, listSubscriptions } from '../../services/admin/subscription-reads';
import { BEARER, type RouteModule } from '../route-deps';

const doc = { tags: ['admin'], security: BEARER };

/** License Management reads (R16): subscription details and the Licensed/Online/Offline tables, paged. */
export const licenseReadRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.get(
    '/v1/orgs/:orgId/subscriptions',
    {
      ...auth,
      schema: { ...doc, params: AdminOrgParams, response: { 200: SubscriptionList, ...errorResponses } },
    },
    async (request) =>
      valueOrRefuse(await listSubscriptions(ctx, callerOf(request).userId, request.params.orgId)),
  );
  app.get(
    '/v1/orgs/:orgId/products/:productId/subscription',
    {
      ...auth,
      schema: {
        ...doc,
        params: OrgProductParams,
        response: { 200: SubscriptionDetailsView, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await getSubscription(ctx, callerOf(request).userId, request.params.orgId, request.params.productId),
      ),
  );
  const schema = { ...doc, params: OrgProductParams, querystring: PageQuery };
  app.get(
    '/v1/orgs/:orgId/products/:productId/licensed-users',
    { ...auth, schema: { ...schema, response: { 200: LicensedUsersPage, ...errorResponses } } },
    async (request) =>
      valueOrRefuse(
        await licensedUsersPage(ctx, {
          userId: callerOf(request).userId,
          ...request.params,
          ...request.query,
        }),
      ),
  );
  app.get(
    '/v1/orgs/:orgId/products/:productId/online-licenses',
    { ...auth, schema: { ...schema, response: { 200: OnlineLicensesPage, ...errorResponses } } },
    async (request) =>
      valueOrRefuse(
        await onlineLicensesPage(ctx, {
          userId: callerOf(request).userId,
          ...request.params,
          ...request.query,
        }),
      ),
  );
  app.get(
    '/v1/orgs/:orgId/products/:productId/offline-licenses',
    { ...auth, schema: { ...schema, response: { 200: OfflineLicensesPage, ...errorResponses } } },
    async (request) =>
      valueOrRefuse(
        await offlineLicensesPage(ctx, {
          userId: callerOf(request).userId,
          ...request.params,
          ...request.query,
        }),
      ),
  );
};
