import { sql } from 'kysely';
import { HealthResponse } from '../../shared/contracts/http/health';
import type { RouteModule } from './route-deps';

/** Liveness and readiness (database reachable and the active signing key usable) for load balancers. */
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
        await ctx.signer.active(ctx.db);
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
