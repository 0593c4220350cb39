import type { z } from 'zod';
import type { Result } from '../../shared/result';
import { createHttpClient, type HttpRequest } from '../adapters/http-client';
import type { AgentDeps } from './agent-deps';
import { serverAccess } from './server-access';

/** An admin request as a service names it: everything but the stored key and the answer's schema. */
export type AdminRequest = Omit<HttpRequest<z.ZodType>, 'schema' | 'apiKey'>;

/** Sends one admin request with the stored API key (which never leaves main); `schema` checks the answer. */
export const sendAdmin = async <S extends z.ZodType>(
  deps: AgentDeps,
  request: AdminRequest,
  schema: S,
): Promise<Result<z.infer<S>>> => {
  const access = await serverAccess(deps);
  if (!access.ok) return access;
  return createHttpClient(access.value.baseUrl).send({ ...request, apiKey: access.value.apiKey, schema });
};
