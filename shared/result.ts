import type { ErrorCode } from './error-codes';

/** A refusal that crosses every boundary (domain, HTTP, IPC) as data, never as a throw. */
export interface Failure<C extends string = ErrorCode> {
  readonly ok: false;
  readonly error: { readonly code: C; readonly message: string; readonly details?: Readonly<Record<string, unknown>> };
}

/** A success value in the same envelope, so callers branch on `ok` alone. */
export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

/** Every decision function returns this: the new state or a typed refusal. */
export type Result<T, C extends string = ErrorCode> = Success<T> | Failure<C>;

/** Wraps a value as a success. */
export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

/** Builds a refusal with a stable code and a sentence a person understands. */
export const fail = <C extends string>(
  code: C,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Failure<C> => ({ ok: false, error: details === undefined ? { code, message } : { code, message, details } });
