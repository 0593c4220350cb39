import { errorResponses } from '../../shared/contracts/http/common';
import { MeResponse } from '../../shared/contracts/http/me';
import { callerOf } from '../auth/authenticate';
import { subscribedProductIds } from '../repositories/subscribed-products';
import { BEARER, type RouteModule } from './route-deps';

/** GET /v1/me: the key's user, their organizations with roles, and the products they may activate. */
export const meRoutes: RouteModule = async (app, { ctx }) => {
  app.get(
    '/v1/me',
    {
      preHandler: app.authenticate,
      schema: { tags: ['agent'], security: BEARER, response: { 200: MeResponse, ...errorResponses } },
    },
    async (request) => {
      const caller = callerOf(request);
      const user = await ctx.db
        .selectFrom('users')
        .select(['id', 'email', 'name'])
        .where('id', '=', caller.userId)
        .executeTakeFirstOrThrow();
      const organizations = await ctx.db
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['o.id', 'o.name', 'o.parent_id as parentId', 'o.account_id as accountId', 'm.role'])
        .where('m.user_id', '=', caller.userId)
        .orderBy('o.name')
        .execute();
      const subscribedProducts = await subscribedProductIds(ctx.db, caller.userId, ctx.now());
      return { user, organizations, subscribedProducts };
    },
  );
};
