import type { FastifyReply } from 'fastify';
import { httpStatusOf } from '../../shared/contracts/http/status';
import type { ErrorCode } from '../../shared/error-codes';
import type { Failure } from '../../shared/result';

/** Thrown inside handlers/hooks to stop with a refusal; the error handler turns it into the error body. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'Refusal';
  }

  /** Lifts a domain Failure to a throwable refusal. */
  static from(failure: Failure): Refusal {
    return new Refusal(failure.error.code, failure.error.message, failure.error.details);
  }
}

/** Unwraps a Result in a route: the value, or a thrown Refusal the error handler answers with. */
export function valueOrRefuse<T>(result: { ok: true; value: T } | Failure): T {
  if (!result.ok) throw Refusal.from(result);
  return result.value;
}

/** Seconds a RATE_LIMITED caller should wait: the refusal's own figure, else a full minute. */
const retryAfterOf = (refusal: Refusal): string => {
  const seconds = refusal.details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? String(Math.ceil(seconds)) : '60';
};

/** Sends a refusal body with the status its code maps to; every 429 carries Retry-After. */
export function sendRefusal(reply: FastifyReply, refusal: Refusal): FastifyReply {
  if (refusal.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after'))
    reply.header('retry-after', retryAfterOf(refusal));
  const body = {
    error: {
      code: refusal.code,
      message: refusal.message,
      ...(refusal.details ? { details: refusal.details } : {}),
    },
  };
  return reply.code(httpStatusOf(refusal.code)).send(body);
}
