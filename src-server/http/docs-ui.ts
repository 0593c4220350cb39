import type { StaticDocumentSpec } from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';

// Loading @fastify/swagger-ui (its static-file server, YAML, the UI's files) was the largest part of
// building the app at start (BENCHMARKS.md "Server start-up, round 4"); nobody needs it before /healthz.

/** Headers of the docs app's answer that the outer reply sets itself. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'date', 'keep-alive']);

/** The swagger-ui app serving this app's OpenAPI document under `prefix`, built on first use. */
async function buildDocsApp(app: FastifyInstance, prefix: string): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
  ]);
  const docs = Fastify({ logger: false });
  // The same document /openapi.json serves (OpenAPI 3), handed over as it is.
  const document = app.swagger() as unknown as StaticDocumentSpec['document'];
  await docs.register(swagger, { mode: 'static', specification: { document } });
  await docs.register(swaggerUi, { routePrefix: prefix });
  await docs.ready();
  return docs;
}

/**
 * The API docs UI at `prefix` (default /docs), as @fastify/swagger-ui serves it, loaded on the first
 * request instead of at start: the UI's routes answer from a small Fastify app built then, which reads
 * the OpenAPI document of this app (`app.swagger()`, registered by buildApp).
 */
export function lazyDocsUi(app: FastifyInstance, prefix = '/docs'): void {
  let docs: Promise<FastifyInstance> | undefined;
  const forward = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    docs ??= buildDocsApp(app, prefix).catch((error: unknown) => {
      docs = undefined;
      throw error;
    });
    const answer = await (
      await docs
    ).inject({
      method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      url: request.url,
      headers: {
        ...(request.headers['if-none-match'] === undefined
          ? {}
          : { 'if-none-match': request.headers['if-none-match'] }),
        ...(request.headers['accept-encoding'] === undefined
          ? {}
          : { 'accept-encoding': request.headers['accept-encoding'] }),
      },
    });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_HEADERS.has(name.toLowerCase()) && value !== undefined) void reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  app.get(prefix, { schema: { hide: true } }, forward);
  app.get(`${prefix}/*`, { schema: { hide: true } }, forward);
}
