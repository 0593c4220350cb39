import type { FastifyError, FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Refusal, sendRefusal } from './refusal';

const statusOf = (error: FastifyError): number => error.statusCode ?? 500;

/** PostgreSQL SQLSTATE class 22 (data exception: e.g. a NUL byte in text) means the caller sent a value no column can hold. */
const isDataException = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  /^22[0-9A-Z]{3}$/.test(String((error as { code?: unknown }).code));

/** Maps every thrown error to `{ error: { code, message } }`; 5xx details stay in the log, never the body. */
export function installErrorHandler(app: FastifyInstance, notFoundLimit?: preHandlerAsyncHookHandler): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Refusal) return sendRefusal(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = first?.instancePath ? ` at ${first.instancePath}` : '';
      return sendRefusal(
        reply,
        new Refusal(
          'VALIDATION_FAILED',
          `The request is not valid${where}: ${first?.message ?? 'see the API docs'}.`,
        ),
      );
    }
    if (isDataException(error))
      return sendRefusal(
        reply,
        new Refusal(
          'VALIDATION_FAILED',
          'The request holds a value the license server cannot store (e.g. a NUL character).',
        ),
      );
    const status = statusOf(error);
    if (status === 413)
      return sendRefusal(reply, new Refusal('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    if (status === 429)
      return sendRefusal(
        reply,
        new Refusal('RATE_LIMITED', 'Too many attempts; wait a minute and try again.'),
      );
    if (status >= 400 && status < 500) {
      return sendRefusal(
        reply,
        new Refusal('VALIDATION_FAILED', `The request is not valid: ${error.message}`),
      );
    }
    request.log.error({ err: error }, 'request failed');
    return sendRefusal(
      reply,
      new Refusal('INTERNAL', 'The license server hit an internal error; try again later.'),
    );
  });
  app.setNotFoundHandler({ ...(notFoundLimit ? { preHandler: notFoundLimit } : {}) }, (request, reply) =>
    sendRefusal(
      reply,
      new Refusal('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} on this server.`),
    ),
  );
}
