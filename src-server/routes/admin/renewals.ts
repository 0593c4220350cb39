import { AdminOrgParams } from '../../../shared/contracts/http/admin-licenses';
import { errorResponses } from '../../../shared/contracts/http/common';
import { RenewalOrderList } from '../../../shared/contracts/http/renewals';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { requireManagerIn } from '../../services/admin/access';
import { renewalOrderView } from '../../services/renewals/order-view';
import { listRenewalOrders } from '../../services/renewals/renewal-orders';
import { BEARER, type RouteModule } from '../route-deps';

/** An organization's renewal orders with the plan each applies (R28–R30), for its Owner or Admins (R15). */
export const renewalAdminRoutes: RouteModule = async (app, { ctx }) => {
  app.get(
    '/v1/orgs/:orgId/renewals',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['admin'],
        security: BEARER,
        summary: "The organization's scheduled and past renewals with the plan each applies",
        params: AdminOrgParams,
        response: { 200: RenewalOrderList, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      valueOrRefuse(await requireManagerIn(ctx.db, callerOf(request).userId, orgId, 'see renewals'));
      const rows = await listRenewalOrders(ctx.db, { orgId });
      return { orders: await Promise.all(rows.map((r) => renewalOrderView(ctx.db, ctx.catalog, r))) };
    },
  );
};
