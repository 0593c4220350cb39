import { ZodError } from 'zod';

/** An operator command's failure as the operator sees it: a stable code, one sentence, an exit code. */
export interface OperatorFailure {
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
}

/** A failure the command itself recognised (bad input, a refusal of the rules); thrown to stop it. */
export class OperatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 3,
  ) {
    super(message);
  }
}

// Configuration fields as the operator sets them, so a sentence names what to change.
const SETTING: Record<string, string> = {
  masterKey: 'TESSERA_MASTER_KEY',
  databaseUrl: 'DATABASE_URL (or --database-url)',
  dataDir: 'TESSERA_DATA_DIR (or --data-dir)',
  port: 'TESSERA_PORT (or --port)',
  host: 'TESSERA_HOST (or --host)',
  sessionTtlSeconds: 'TESSERA_SESSION_TTL_SECONDS',
  leaseDays: 'TESSERA_LEASE_DAYS',
  apiKeyCacheSeconds: 'TESSERA_API_KEY_CACHE_SECONDS',
};

// What a unique or foreign-key constraint protects, in words.
const CONSTRAINT: readonly (readonly [RegExp, string, string])[] = [
  [/users_email/, 'ALREADY_EXISTS', 'A user with this email already exists; use `user list` to find them.'],
  [
    /memberships/,
    'UNKNOWN_USER',
    'That user or organization does not exist; check the ids with `user list` / `org list`.',
  ],
  [
    /organizations_account/,
    'UNKNOWN_ACCOUNT',
    'That account does not exist; check the id with `account list`.',
  ],
  [
    /organizations_parent/,
    'UNKNOWN_ORGANIZATION',
    'The parent organization does not exist; check the id with `org list`.',
  ],
  [
    /subscriptions_org/,
    'UNKNOWN_ORGANIZATION',
    'That organization does not exist; check the id with `org list`.',
  ],
];

interface DatabaseErrorLike {
  readonly code: string;
  readonly constraint?: string;
  readonly detail?: string;
  readonly message: string;
}

const isDatabaseError = (error: unknown): error is DatabaseErrorLike => {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
};

const fromDatabase = (error: DatabaseErrorLike): OperatorFailure => {
  const where = `${error.constraint ?? ''} ${error.message}`;
  const known = CONSTRAINT.find(([pattern]) => pattern.test(where));
  if (error.code === '23505')
    return {
      code: known?.[1] ?? 'ALREADY_EXISTS',
      message: known?.[2] ?? `That already exists (${error.detail ?? error.constraint ?? 'duplicate'}).`,
      exitCode: 3,
    };
  if (error.code === '23503')
    return {
      code: known?.[1] ?? 'VALIDATION_FAILED',
      message: known?.[2] ?? 'An id given does not exist; check it with the `list` commands.',
      exitCode: 3,
    };
  if (error.code === '22P02' || error.code === '22007' || error.code === '22008')
    return {
      code: 'VALIDATION_FAILED',
      message:
        'An id or date given is not well-formed (ids are UUIDs, dates ISO-8601 like 2027-01-01T00:00:00Z).',
      exitCode: 2,
    };
  return {
    code: 'INTERNAL',
    message: 'The database refused the command unexpectedly; run it again with TESSERA_DEBUG=1 for details.',
    exitCode: 1,
  };
};

/** Turns anything an operator command threw into a code and a sentence; never a stack trace. */
export const explainOperatorError = (error: unknown): OperatorFailure => {
  if (error instanceof OperatorError)
    return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (error instanceof ZodError) {
    const sentences = error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'value');
      return `${SETTING[field] ?? field}: ${issue.message}`;
    });
    return { code: 'VALIDATION_FAILED', message: `${sentences.join('; ')}.`, exitCode: 2 };
  }
  if (isDatabaseError(error)) return fromDatabase(error);
  return {
    code: 'INTERNAL',
    message: 'An unexpected problem stopped the command; run it again with TESSERA_DEBUG=1 for details.',
    exitCode: 1,
  };
};
