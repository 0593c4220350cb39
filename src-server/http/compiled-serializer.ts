import fastJson from 'fast-json-stringify';
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The agent's busiest routes (thousands a second at a million agents): their 2xx answers are compiled. */
export const HOT_ROUTES: ReadonlySet<string> = new Set([
  'POST /v1/sessions/:sessionId/heartbeat',
  'POST /v1/activations',
  'POST /v1/sessions',
]);

type SerializerRoute = Parameters<typeof zodSerializerCompiler>[0] & { httpStatus?: string };

/**
 * Drops `additionalProperties: false`: the serializer writes only the declared fields anyway, and the
 * branch of a nullable object (`anyOf`) must match an answer that carries more than the contract.
 */
const openObjects = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(openObjects);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
      .map(([key, value]) => [key, openObjects(value)]),
  );
};

/** The zod schema as JSON Schema (output side), or null when it holds something JSON Schema cannot say. */
function jsonSchemaOf(schema: unknown): Record<string, unknown> | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return openObjects(json) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Fastify's serializer compiler: a hot route's 2xx response schema (the zod contract, turned into
 * JSON Schema once at start-up) is compiled by fast-json-stringify, which writes only the contract's
 * fields in one pass instead of re-validating the answer with zod and calling JSON.stringify on every
 * request. Every other response (errors, admin, anything not convertible) keeps the zod serializer,
 * which validates what the server sends.
 */
export const compiledSerializerCompiler = ((route: SerializerRoute) => {
  const hot = HOT_ROUTES.has(`${route.method} ${route.url}`) && /^2/.test(route.httpStatus ?? '');
  const json = hot ? jsonSchemaOf(route.schema) : null;
  if (json === null) return zodSerializerCompiler(route);
  const stringify = fastJson(json);
  return (data: unknown) => stringify(data);
}) as FastifySchemaCompiler<unknown> as typeof zodSerializerCompiler;
