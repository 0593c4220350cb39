import { sql } from 'kysely';
import { HealthResponse } from '../../shared/contracts/http/health';
import type { RouteModule } from './route-deps';

/** Liveness and readiness for load balancers and process managers. */
export const healthRoutes: RouteModule = async (app, { ctx }) => {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
