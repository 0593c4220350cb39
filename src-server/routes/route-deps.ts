import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LicensingContext } from '../services/context';

/** What every route module receives; admin modules (src-server/routes/admin/) get the same. */
export interface RouteDeps {
  readonly ctx: LicensingContext;
}

/** A route module: a Fastify plugin typed with the zod provider, registered by app.ts. */
export type RouteModule = FastifyPluginAsyncZod<RouteDeps>;

/** OpenAPI security requirement for routes that need `Authorization: Bearer tsk_…`. */
export const BEARER = [{ bearerAuth: [] }];
