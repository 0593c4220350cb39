import type { z } from 'zod';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, sleep, type RetryPolicy } from './retry-policy';
import { ErrorBody } from '../../shared/contracts/http/common';
import { mainLog } from './error-log';

/** One call to the license server. */
export interface HttpRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  apiKey?: string;
  /** Response schema (from shared/contracts/http) that narrows the JSON body. */
  schema: S;
  /** Safe to send twice; only these are retried. Defaults to true for GET/PUT/DELETE. */
  idempotent?: boolean;
}

/** Transport to the license server that turns every outcome into a typed Result. */
export interface HttpClient {
  readonly baseUrl: string;
  send<S extends z.ZodType>(request: HttpRequest<S>): Promise<Result<z.infer<S>>>;
}

/** Options for tests and the CLI (progress on stderr). */
export interface HttpClientOptions {
  timeoutMs?: number;
  retry?: RetryPolicy;
  onRetry?: (info: { attempt: number; delayMs: number; reason: Failure['error'] }) => void;
}

const RETRYABLE = new Set(['SERVER_UNREACHABLE', 'SERVER_UNAVAILABLE', 'RATE_LIMITED']);

const buildUrl = (baseUrl: string, path: string, query: HttpRequest<z.ZodType>['query']): string => {
  const url = new URL(path, `${baseUrl}/`);
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
};

/**
 * The body as JSON: undefined when it is not JSON (the caller's schema reports that), a failure when the
 * body itself broke off (the connection closed or timed out mid-answer), which is no reason to update Tessera.
 */
const readJson = async (response: Response, origin: string): Promise<Result<unknown>> => {
  try {
    return ok(await response.json());
  } catch (error) {
    if (error instanceof SyntaxError) return ok(undefined);
    mainLog().warn({ err: error, origin }, 'The license server answer broke off');
    return fail(
      'SERVER_UNAVAILABLE',
      `The license server at ${origin} stopped in the middle of its answer; try again later.`,
    );
  }
};

const refusal = async (response: Response, origin: string): Promise<Failure> => {
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const wait = retryAfterMs === undefined ? 'a moment' : `${Math.ceil(retryAfterMs / 1000)} seconds`;
    return fail('RATE_LIMITED', `The license server is limiting requests; try again in ${wait}.`, {
      retryAfterMs,
    });
  }
  if (response.status >= 500) {
    return fail(
      'SERVER_UNAVAILABLE',
      `The license server at ${origin} is having trouble (HTTP ${response.status}); try again later.`,
    );
  }
  const json = await readJson(response, origin);
  if (!json.ok) return json;
  const body = ErrorBody.safeParse(json.value);
  if (body.success) return fail(body.data.error.code, body.data.error.message, body.data.error.details);
  return fail(
    response.status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
    `The license server refused the request (HTTP ${response.status}).`,
  );
};

const attempt = async <S extends z.ZodType>(
  baseUrl: string,
  request: HttpRequest<S>,
  timeoutMs: number,
): Promise<Result<z.infer<S>>> => {
  const origin = new URL(baseUrl).origin;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(baseUrl, request.path, request.query), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return fail(
        'SERVER_UNAVAILABLE',
        `The license server at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} seconds; try again later.`,
      );
    }
    return fail(
      'SERVER_UNREACHABLE',
      `The license server at ${origin} cannot be reached; check the address and your network connection.`,
    );
  }
  if (!response.ok) return refusal(response, origin);
  const json = response.status === 204 ? ok({}) : await readJson(response, origin);
  if (!json.ok) return json;
  const parsed = request.schema.safeParse(json.value);
  if (!parsed.success)
    return fail(
      'INTERNAL',
      `The license server at ${origin} sent an answer this agent does not understand; update Tessera.`,
    );
  return ok(parsed.data);
};

/** Creates the client with timeouts, retries of idempotent calls, Retry-After honoured, errors typed. */
export const createHttpClient = (baseUrl: string, options: HttpClientOptions = {}): HttpClient => {
  const policy = options.retry ?? DEFAULT_RETRY;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    baseUrl,
    send: async (request) => {
      const idempotent = request.idempotent ?? request.method !== 'POST';
      for (let tries = 0; ; tries += 1) {
        const result = await attempt(baseUrl, request, timeoutMs);
        if (result.ok || !idempotent || tries >= policy.retries || !RETRYABLE.has(result.error.code))
          return result;
        const retryAfter = result.error.details?.retryAfterMs;
        if (typeof retryAfter === 'number' && retryAfter > policy.maxRetryAfterMs) return result;
        const delayMs = typeof retryAfter === 'number' ? retryAfter : backoffDelay(policy, tries);
        options.onRetry?.({ attempt: tries + 1, delayMs, reason: result.error });
        await sleep(delayMs);
      }
    },
  };
};
