import type { ErrorCode } from '../../shared/error-codes';

/** Documented exit codes of `tessera` (docs/cli.md), so scripts can branch without parsing text. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  refused: 3,
  serverUnavailable: 4,
  keychain: 5,
  notSignedIn: 6,
  localState: 7,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: EXIT.usage,
  FILE_NOT_REGULAR: EXIT.usage,
  FILE_NOT_FOUND: EXIT.usage,
  FILE_UNREADABLE: EXIT.usage,
  SERVER_UNREACHABLE: EXIT.serverUnavailable,
  SERVER_UNAVAILABLE: EXIT.serverUnavailable,
  RATE_LIMITED: EXIT.serverUnavailable,
  KEYCHAIN_UNAVAILABLE: EXIT.keychain,
  NO_API_KEY: EXIT.notSignedIn,
  SERVER_NOT_CONFIGURED: EXIT.notSignedIn,
  UNAUTHENTICATED: EXIT.notSignedIn,
  INVALID_API_KEY: EXIT.notSignedIn,
  KEY_REVOKED: EXIT.notSignedIn,
  STORE_CORRUPT: EXIT.localState,
  STORE_UNREADABLE: EXIT.localState,
  STATE_TAMPERED: EXIT.localState,
  MACHINE_UNIDENTIFIABLE: EXIT.localState,
  INTERNAL: EXIT.internal,
};

/** Exit code for a refusal: transport, keychain, sign-in and local-state problems apart from license refusals (3). */
export const exitCodeFor = (code: string): number => BY_CODE[code as ErrorCode] ?? EXIT.refused;
