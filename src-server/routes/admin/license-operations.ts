import { errorResponses } from '../../../shared/contracts/http/common';
import {
  OfflineLicenseParams,
  OfflineLicenseRequest,
  OfflineLicenseResponse,
  OrgParams,
} from '../../../shared/contracts/http/offline-licenses';
import {
  SeatGrantRequest,
  SeatParams,
  SeatQuery,
  SeatRemovalResponse,
  SeatResponse,
  SeatTransferRequest,
} from '../../../shared/contracts/http/seats';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { offlineLicenseFile } from '../../services/offline-files';
import { createOfflineLicense } from '../../services/offline-service';
import { grantSeat, removeSeat } from '../../services/seat-service';
import { transferSeat } from '../../services/seat-transfer';
import { BEARER, type RouteModule } from '../route-deps';

/** Owner/Admin license operations that change quota usage: offline licenses (R5–R10) and seats (R1, R17, R23, R24). */
export const licenseAdminRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.post(
    '/v1/orgs/:orgId/offline-licenses',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: OrgParams,
        body: OfflineLicenseRequest,
        response: { 200: OfflineLicenseResponse, 201: OfflineLicenseResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = valueOrRefuse(
        await createOfflineLicense(ctx, callerOf(request).userId, request.params.orgId, request.body),
      );
      return reply.code(file.existing === true ? 200 : 201).send(file);
    },
  );
  app.get(
    '/v1/orgs/:orgId/offline-licenses/:licenseId',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        summary: 'Download a stored offline license file again (R8)',
        security: BEARER,
        params: OfflineLicenseParams,
        response: { 200: OfflineLicenseResponse, ...errorResponses },
      },
    },
    async (request) => valueOrRefuse(await offlineLicenseFile(ctx, callerOf(request).userId, request.params)),
  );
  app.post(
    '/v1/orgs/:orgId/seats',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: OrgParams,
        body: SeatGrantRequest,
        response: { 201: SeatResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          valueOrRefuse(await grantSeat(ctx, callerOf(request).userId, request.params.orgId, request.body)),
        ),
  );
  app.post(
    '/v1/orgs/:orgId/seats/transfer',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: OrgParams,
        body: SeatTransferRequest,
        response: { 200: SeatResponse, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(await transferSeat(ctx, callerOf(request).userId, request.params.orgId, request.body)),
  );
  app.delete(
    '/v1/orgs/:orgId/seats/:userId',
    {
      ...auth,
      schema: {
        tags: ['admin'],
        security: BEARER,
        params: SeatParams,
        querystring: SeatQuery,
        response: { 200: SeatRemovalResponse, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await removeSeat(ctx, callerOf(request).userId, request.params.orgId, {
          productId: request.query.productId,
          userId: request.params.userId,
        }),
      ),
  );
};
