import type { FastifyInstance, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';

/** True when the route runs `app.authenticate` (its failures are counted there instead). */
const isAuthenticated = (app: FastifyInstance, route: RouteOptions): boolean => {
  const hooks = route.preHandler === undefined ? [] : [route.preHandler].flat();
  return hooks.includes(app.authenticate as (typeof hooks)[number]);
};

/**
 * Adds a per-address request limit (in this process) in front of every route registered
 * afterwards that takes no API key — health, issuer keys, signed time; app.ts gives the same
 * limit to the not-found handler, so probing for routes is limited as well.
 */
export function limitUnauthenticatedRoutes(app: FastifyInstance, limit: preHandlerAsyncHookHandler): void {
  app.addHook('onRoute', (route) => {
    if (isAuthenticated(app, route)) return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [limit as (typeof existing)[number], ...existing];
  });
}
