import { errorResponses } from '../../shared/contracts/http/common';
import {
  HeartbeatResponse,
  OrgSessionParams,
  SessionCheckoutRequest,
  SessionCheckoutResponse,
  SessionParams,
  SessionReleaseResponse,
} from '../../shared/contracts/http/sessions';
import { requireManager } from '../../shared/domain/roles';
import { callerOf } from '../auth/authenticate';
import { roleIn } from '../auth/authorize';
import { valueOrRefuse } from '../http/refusal';
import { heartbeat, release } from '../services/heartbeat-release';
import { checkout } from '../services/checkout-use-case';
import { BEARER, type RouteModule } from './route-deps';

/** Session checkout, heartbeat and release, plus the admin force-release. */
export const sessionRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.post(
    '/v1/sessions',
    {
      ...auth,
      schema: {
        tags: ['agent'],
        security: BEARER,
        body: SessionCheckoutRequest,
        response: { 200: SessionCheckoutResponse, ...errorResponses },
      },
    },
    async (request) => valueOrRefuse(await checkout(ctx, callerOf(request).userId, request.body)),
  );
  app.post(
    '/v1/sessions/:sessionId/heartbeat',
    {
      ...auth,
      // Heartbeats are the busiest route (thousands a second): request lines only from warn up.
      logLevel: 'warn',
      schema: {
        tags: ['agent'],
        security: BEARER,
        params: SessionParams,
        response: { 200: HeartbeatResponse, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(await heartbeat(ctx, callerOf(request).userId, request.params.sessionId)),
  );
  app.delete(
    '/v1/sessions/:sessionId',
    {
      ...auth,
      schema: {
        tags: ['agent'],
        security: BEARER,
        params: SessionParams,
        response: { 200: SessionReleaseResponse, ...errorResponses },
      },
    },
    async (request) => valueOrRefuse(await release(ctx, callerOf(request).userId, request.params.sessionId)),
  );
  app.delete(
    '/v1/orgs/:orgId/sessions/:sessionId',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: OrgSessionParams,
        response: { 200: SessionReleaseResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = callerOf(request);
      const role = valueOrRefuse(await roleIn(ctx.db, userId, request.params.orgId));
      valueOrRefuse(requireManager(role, 'force-release sessions'));
      return valueOrRefuse(await release(ctx, userId, request.params.sessionId, request.params.orgId));
    },
  );
};
