import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../shared/contracts/http/common';
import {
  RENEWAL_PATHS,
  RenewalListQuery,
  RenewalOrderList,
  RenewalOrderParams,
  RenewalOrderView,
  ScheduleRenewalBody,
} from '../../shared/contracts/http/renewals';
import { billingTokenOwner } from '../auth/billing-tokens';
import { Refusal, valueOrRefuse } from '../http/refusal';
import { renewalOrderView } from '../services/renewals/order-view';
import {
  cancelRenewal,
  findRenewalOrder,
  listRenewalOrders,
  scheduleRenewal,
} from '../services/renewals/renewal-orders';
import type { RouteModule } from './route-deps';

/** OpenAPI security requirement of the billing endpoints: `Authorization: Bearer tsb_…`. */
export const BILLING_AUTH = [{ billingAuth: [] }];

const doc = { tags: ['billing'], security: BILLING_AUTH };

/** The billing system's own credential; a user's API key (tsk_…) is refused here. */
async function requireBilling(
  request: FastifyRequest,
  check: (token: string) => Promise<string | undefined>,
) {
  const hint =
    'the billing token in the Authorization header (Bearer tsb_…); create one with `billing-token create`';
  const header = request.headers.authorization;
  if (header === undefined) throw new Refusal('UNAUTHENTICATED', `This endpoint needs ${hint}.`);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const owner = match?.[1] === undefined ? undefined : await check(match[1]);
  if (owner === undefined)
    throw new Refusal(
      'INVALID_BILLING_TOKEN',
      `This is not a valid billing token; the endpoint needs ${hint}.`,
    );
}

/** Renewal orders for the billing system: schedule (once per subscription and term), list, read, cancel. */
export const billingRenewalRoutes: RouteModule = async (app, { ctx }) => {
  const auth = {
    preHandler: (request: FastifyRequest) => requireBilling(request, (t) => billingTokenOwner(ctx.db, t)),
  };
  const view = async (id: string) => {
    const row = await findRenewalOrder(ctx.db, id);
    if (row === undefined) throw new Refusal('NOT_FOUND', 'There is no renewal order with that id.');
    return renewalOrderView(ctx.db, ctx.catalog, row);
  };
  app.post(
    RENEWAL_PATHS.billingRenewals,
    {
      ...auth,
      schema: {
        ...doc,
        summary: 'Schedule a renewal (once per subscription and new end); the server applies it when due',
        body: ScheduleRenewalBody,
        response: { 200: RenewalOrderView, 201: RenewalOrderView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const scheduled = valueOrRefuse(
        await scheduleRenewal(ctx.db, {
          subscriptionId: b.subscriptionId,
          endsAt: new Date(b.endsAt),
          quantity: b.quantity,
          dueAt: new Date(b.dueAt),
          source: 'billing',
        }),
      );
      reply.code(scheduled.created ? 201 : 200);
      return renewalOrderView(ctx.db, ctx.catalog, scheduled.order);
    },
  );
  app.get(
    RENEWAL_PATHS.billingRenewals,
    {
      ...auth,
      schema: {
        ...doc,
        summary: 'List renewal orders, soonest due first, with the plan each applied or will apply',
        querystring: RenewalListQuery,
        response: { 200: RenewalOrderList, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listRenewalOrders(ctx.db, request.query);
      return { orders: await Promise.all(rows.map((r) => renewalOrderView(ctx.db, ctx.catalog, r))) };
    },
  );
  app.get(
    '/v1/billing/renewals/:orderId',
    {
      ...auth,
      schema: {
        ...doc,
        summary: 'One renewal order: status, failure reason, and its plan (R28–R30)',
        params: RenewalOrderParams,
        response: { 200: RenewalOrderView, ...errorResponses },
      },
    },
    async (request) => view(request.params.orderId),
  );
  app.delete(
    '/v1/billing/renewals/:orderId',
    {
      ...auth,
      schema: {
        ...doc,
        summary: 'Cancel a scheduled or failed renewal order',
        params: RenewalOrderParams,
        response: { 200: RenewalOrderView, ...errorResponses },
      },
    },
    async (request) => {
      const row = valueOrRefuse(await cancelRenewal(ctx.db, request.params.orderId));
      return renewalOrderView(ctx.db, ctx.catalog, row);
    },
  );
};
