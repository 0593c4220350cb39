import {
  Done,
  MachinesPage,
  MachinesQuery,
  OrgMachineParams,
  OrgProductParams,
} from '../../../shared/contracts/http/admin-licenses';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { removeMachine } from '../../services/admin/machine-admin';
import { machinesPage } from '../../services/admin/registered-machines';
import { BEARER, type RouteModule } from '../route-deps';

const doc = { tags: ['admin'], security: BEARER };

/** Registered Machines (R16, R21) and removing one (R23: frees its license, ends its sessions). */
export const machineAdminRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.get(
    '/v1/orgs/:orgId/products/:productId/machines',
    {
      ...auth,
      schema: {
        ...doc,
        params: OrgProductParams,
        querystring: MachinesQuery,
        response: { 200: MachinesPage, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await machinesPage(ctx, { userId: callerOf(request).userId, ...request.params, ...request.query }),
      ),
  );
  app.delete(
    '/v1/orgs/:orgId/products/:productId/machines/:machineId',
    { ...auth, schema: { ...doc, params: OrgMachineParams, response: { 200: Done, ...errorResponses } } },
    async (request) =>
      valueOrRefuse(await removeMachine(ctx, { userId: callerOf(request).userId, ...request.params })),
  );
};
