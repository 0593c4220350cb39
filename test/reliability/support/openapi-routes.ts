import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** A JSON schema node as the OpenAPI document carries it (only the keys the sampler reads). */
export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};
const Parameter = z.object({
  in: z.enum(['path', 'query', 'header', 'cookie']),
  name: z.string(),
  required: z.boolean().optional(),
  schema: z.custom<JsonSchema>((v) => typeof v === 'object' && v !== null),
});
const Operation = z.object({
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  parameters: z.array(Parameter).optional(),
  requestBody: z
    .object({ content: z.object({ 'application/json': z.object({ schema: z.custom<JsonSchema>() }) }) })
    .optional(),
});
const Spec = z.object({ paths: z.record(z.string(), z.record(z.string(), Operation)) });

/** One operation of the live OpenAPI document: the source of truth for which routes exist. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly secured: boolean;
  readonly params: z.infer<typeof Parameter>[];
  readonly body: JsonSchema | undefined;
}

/** Reads every operation from the app's own /openapi.json, so a route added later is tested too. */
export async function listRoutes(app: FastifyInstance): Promise<Route[]> {
  const spec = Spec.parse(JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body));
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).parse(method.toUpperCase()),
      path,
      secured: (op.security ?? []).length > 0,
      params: op.parameters ?? [],
      body: op.requestBody?.content['application/json'].schema,
    })),
  );
}

/** Values the sampler uses for well-known names (real IDs of the seeded org), else it derives one from the schema. */
export type Samples = Record<string, () => unknown>;

/** A minimal valid value for `schema`: required properties only, named samples first. */
export function sample(schema: JsonSchema, samples: Samples, name = ''): unknown {
  const named = samples[name];
  if (named) return named();
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {}, samples, key)]),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      return 'sample';
  }
}

/** The URL of `route` with path params and required query params filled from `samples` (overridable per name). */
export function sampleUrl(route: Route, samples: Samples, override: Record<string, string> = {}): string {
  let url = route.path;
  const query = new URLSearchParams();
  for (const p of route.params) {
    const value = override[p.name] ?? String(sample(p.schema, samples, p.name));
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === 'query' && (p.required === true || p.name in override)) query.set(p.name, value);
  }
  const qs = query.toString();
  return qs.length > 0 ? `${url}?${qs}` : url;
}
