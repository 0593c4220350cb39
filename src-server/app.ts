import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { lazyDocsUi } from './http/docs-ui';
import { documentRoutes } from './http/route-docs';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { compiledSerializerCompiler } from './http/compiled-serializer';
import { installAuthentication } from './auth/authenticate';
import { limitUnauthenticatedRoutes } from './auth/anonymous-limit';
import { installErrorHandler } from './http/error-handler';
import { activationRoutes } from './routes/activations';
import { billingRenewalRoutes } from './routes/billing-renewals';
import { adminRouteModules } from './routes/admin/index';
import { healthRoutes } from './routes/health';
import { issuerRoutes } from './routes/issuer';
import { meRoutes } from './routes/me';
import { sessionRoutes } from './routes/sessions';
import type { LicensingContext } from './services/context';

/** How to build the HTTP app; the logger option is pino's (false in tests, an object in `serve`). */
export interface AppOptions {
  readonly ctx: LicensingContext;
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
  readonly bodyLimitBytes?: number;
  readonly authFailuresPerMinute?: number;
  /** Failed sign-ins a minute from one address (all key prefixes) before 429; default 10× the per-key bar. */
  readonly authFailuresPerAddressPerMinute?: number;
  /** Requests a minute one address may make to routes without an API key (404s included). */
  readonly unauthenticatedPerMinute?: number;
  /** How long (seconds) a live API key is remembered; a key revoked by another process works at most this long. 0: off. */
  readonly apiKeyCacheSeconds?: number;
  /** Which proxies' X-Forwarded-For to believe (config `trustProxy`); false: the socket address. */
  readonly trustProxy?: boolean | string[];
}

/** Paths pino must never print: API keys travel in the Authorization header. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.apiKey',
  '*.key',
  '*.privateKey',
];

/** Builds the Fastify app: plugins (zod, OpenAPI, rate limit) → error handling → auth → routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger =
    options.logger === undefined || options.logger === false
      ? false
      : { ...(options.logger === true ? {} : options.logger), redact: LOG_REDACT };
  const app = Fastify({
    logger,
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tessera license server', version: '1' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Per-user API key tsk_…' },
          billingAuth: { type: 'http', scheme: 'bearer', description: 'Billing system token tsb_…' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  lazyDocsUi(app, '/docs');
  documentRoutes(app);
  await app.register(rateLimit, { global: false });
  const perKeyPrefix = options.authFailuresPerMinute ?? 10;
  installAuthentication(
    app,
    options.ctx.db,
    { perKeyPrefix, perAddress: options.authFailuresPerAddressPerMinute ?? perKeyPrefix * 10 },
    options.ctx.now,
    options.apiKeyCacheSeconds === undefined ? undefined : options.apiKeyCacheSeconds * 1000,
  );
  const anonymousLimit = app.rateLimit({
    max: options.unauthenticatedPerMinute ?? 600,
    timeWindow: 60_000,
  });
  limitUnauthenticatedRoutes(app, anonymousLimit);
  installErrorHandler(app, anonymousLimit);
  const deps = { ctx: options.ctx };
  for (const routes of [
    healthRoutes,
    issuerRoutes,
    meRoutes,
    activationRoutes,
    sessionRoutes,
    billingRenewalRoutes,
    ...adminRouteModules,
  ]) {
    await app.register(routes, deps);
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
