import { AdminOrgParams } from '../../../shared/contracts/http/admin-licenses';
import {
  AuditFilterQuery,
  AuditPage,
  AuditPageQuery,
  CsvFile,
} from '../../../shared/contracts/http/admin-org';
import { errorResponses } from '../../../shared/contracts/http/common';
import { callerOf } from '../../auth/authenticate';
import { valueOrRefuse } from '../../http/refusal';
import { auditCsv, auditPage } from '../../services/admin/audit-reads';
import { BEARER, type RouteModule } from '../route-deps';

const doc = { tags: ['admin'], security: BEARER };

/** The audit log of license events: filtered page, and the same filters exported as CSV. */
export const auditRoutes: RouteModule = async (app, { ctx }) => {
  const auth = { preHandler: app.authenticate };
  app.get(
    '/v1/orgs/:orgId/audit',
    {
      ...auth,
      schema: {
        ...doc,
        params: AdminOrgParams,
        querystring: AuditPageQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => {
      const { offset, limit, ...filter } = request.query;
      return valueOrRefuse(
        await auditPage(ctx, {
          userId: callerOf(request).userId,
          orgId: request.params.orgId,
          filter,
          offset,
          limit,
        }),
      );
    },
  );
  app.get(
    '/v1/orgs/:orgId/audit/export',
    {
      ...auth,
      schema: {
        ...doc,
        params: AdminOrgParams,
        querystring: AuditFilterQuery,
        response: { 200: CsvFile, ...errorResponses },
      },
    },
    async (request) =>
      valueOrRefuse(
        await auditCsv(ctx, {
          userId: callerOf(request).userId,
          orgId: request.params.orgId,
          filter: request.query,
        }),
      ),
  );
};
