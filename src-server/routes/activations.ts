import {
  ActivationRequest,
  ActivationResponse,
  DeactivationParams,
  DeactivationQuery,
  DeactivationResponse,
} from '../../shared/contracts/http/activations';
import { errorResponses } from '../../shared/contracts/http/common';
import { callerOf } from '../auth/authenticate';
import { valueOrRefuse } from '../http/refusal';
import { activate } from '../services/activation-use-case';
import { deactivate } from '../services/deactivation-service';
import { BEARER, type RouteModule } from './route-deps';

/** Activation and deactivation of a product on the caller's machine. */
export const activationRoutes: RouteModule = async (app, { ctx }) => {
  app.post(
    '/v1/activations',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['agent'],
        security: BEARER,
        body: ActivationRequest,
        response: { 200: ActivationResponse, ...errorResponses },
      },
    },
    async (request) => valueOrRefuse(await activate(ctx, callerOf(request).userId, request.body)),
  );
  app.delete(
    '/v1/activations/:machineId',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['agent'],
        security: BEARER,
        params: DeactivationParams,
        querystring: DeactivationQuery,
        response: { 200: DeactivationResponse, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await deactivate(ctx, callerOf(request).userId, {
          ...request.query,
          machineId: request.params.machineId,
        }),
      ),
  );
};
