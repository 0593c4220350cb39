import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '../../shared/contracts/http/common';

/** An inject call with the caller's API key; body parsed as JSON. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { key?: string | undefined; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  const res = await app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  return { status: res.statusCode, body: res.body.length > 0 ? (JSON.parse(res.body) as unknown) : null };
}

/** The refusal code and message of an error response (throws if the body is not an error body). */
export function refusal(body: unknown): { code: string; message: string } {
  return ErrorBody.parse(body).error;
}
