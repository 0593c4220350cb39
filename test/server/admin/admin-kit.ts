import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/http/common';

/** An admin request as the console makes it: method, URL, the caller's key, an optional JSON body. */
export interface AdminRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly key?: string | undefined;
  readonly body?: unknown;
  readonly query?: Record<string, string | number | undefined>;
}

/** Sends one admin request through the real app (inject) and returns status plus parsed JSON. */
export async function send(
  app: FastifyInstance,
  r: AdminRequest,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (r.key !== undefined) headers.authorization = `Bearer ${r.key}`;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined) query[k] = String(v);
  const res = await app.inject({
    method: r.method,
    url: r.url,
    headers,
    query,
    ...(r.body !== undefined ? { payload: r.body as object } : {}),
  });
  return { status: res.statusCode, body: res.body.length > 0 ? (JSON.parse(res.body) as unknown) : null };
}

/** Expects success and narrows the body with the IPC response schema the desktop applies. */
export async function expectOk<S extends z.ZodType>(
  app: FastifyInstance,
  r: AdminRequest,
  schema: S,
): Promise<z.infer<S>> {
  const res = await send(app, r);
  if (res.status !== 200)
    throw new Error(`${r.method} ${r.url} → ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

/** Expects a refusal; returns the status, code and sentence. */
export async function expectRefused(app: FastifyInstance, r: AdminRequest) {
  const res = await send(app, r);
  if (res.status < 400) throw new Error(`${r.method} ${r.url} unexpectedly answered ${res.status}`);
  return { status: res.status, ...ErrorBody.parse(res.body).error };
}
