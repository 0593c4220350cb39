import { OrgProductParams } from '../../../shared/contracts/http/admin-licenses';
import { MigrationPlanView } from '../../../shared/contracts/http/admin-org';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { applyMigration, previewMigration } from '../../services/admin/migration-admin';
import { BEARER, type RouteModule } from '../route-deps';

const schema = {
  tags: ['admin'],
  security: BEARER,
  params: OrgProductParams,
  response: { 200: MigrationPlanView, ...errorResponses },
};

/** License-model migration on request (R28–R30): preview changes nothing, apply converts now. */
export const migrationRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.get('/v1/orgs/:orgId/products/:productId/migration/preview', { ...auth, schema }, async (request) =>
    valueOrRefuse(await previewMigration(ctx, { userId: callerOf(request).userId, ...request.params })),
  );
  app.post('/v1/orgs/:orgId/products/:productId/migration', { ...auth, schema }, async (request) =>
    valueOrRefuse(await applyMigration(ctx, { userId: callerOf(request).userId, ...request.params })),
  );
};
