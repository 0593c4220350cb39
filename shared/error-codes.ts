/** Stable SCREAMING_SNAKE codes: the only error vocabulary shared by server, agent, CLI and UI. */
export const ERROR_CODES = [
  // Catalog, subscriptions and quotas (R1–R4, R16, R17, R21)
  'UNKNOWN_PRODUCT',
  'PRODUCT_NOT_SUBSCRIBED',
  'SUBSCRIPTION_EXPIRED',
  'LICENSE_QUOTA_EXCEEDED',
  'MACHINE_QUOTA_EXCEEDED',
  'SESSION_QUOTA_EXCEEDED',
  'APPLICATION_QUOTA_EXCEEDED',
  // Organizations and allocation (R13–R15, R18)
  'UNKNOWN_ORGANIZATION',
  'UNKNOWN_ACCOUNT',
  'UNKNOWN_USER',
  'NOT_A_MEMBER',
  'DEDICATION_EXCEEDS_POOL',
  'DEDICATION_BELOW_ASSIGNED',
  'DEDICATION_EXHAUSTED',
  'ALREADY_LICENSED',
  'NOT_LICENSED',
  // Models (R19, R25–R27, R29)
  'SESSION_ACTIVE_ELSEWHERE',
  'FLOATING_MACHINE_LIMIT',
  'MODEL_CONFLICT',
  'MODEL_DEPRECATED',
  'FIXED_MACHINE_REQUIRED',
  // Offline licenses (R5–R10, R24)
  'OFFLINE_NOT_AVAILABLE',
  'OFFLINE_EXPIRY_TOO_LATE',
  'OFFLINE_EXPIRY_IN_PAST',
  'OFFLINE_NOT_TRANSFERABLE',
  'OFFLINE_NOT_REVOCABLE',
  'MONTHLY_NOT_CONVERTIBLE',
  // Machines and sessions (R11, R12, R22, R23)
  'INVALID_MACHINE_ID',
  'MACHINE_UNIDENTIFIABLE',
  'UNKNOWN_MACHINE',
  'SESSION_NOT_FOUND',
  'SESSION_ENDED',
  // Removal ends use: why a session or activation stopped working (R23)
  'SEAT_REMOVED',
  'MEMBER_REMOVED',
  'MACHINE_REMOVED',
  'KEY_REVOKED',
  // Members and API keys (R15)
  'LAST_OWNER',
  'ALREADY_A_MEMBER',
  // License files (DESIGN.md "License files")
  'MALFORMED',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_ALG',
  'UNTRUSTED_ISSUER',
  'BAD_SIGNATURE',
  'INVALID_FIELDS',
  'NOT_YET_VALID',
  'EXPIRED',
  'WRONG_MACHINE',
  'WRONG_PRODUCT',
  'CLOCK_ROLLED_BACK',
  'FILE_NOT_REGULAR',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  // Trust chain (DESIGN.md "Trust")
  'BAD_CERTIFICATE',
  'SIGNING_KEY_REVOKED',
  'SIGNING_KEY_EXPIRED',
  // Authentication and authorization (R15)
  'UNAUTHENTICATED',
  'INVALID_API_KEY',
  'FORBIDDEN_ROLE',
  'OTHER_ORGANIZATION',
  'RATE_LIMITED',
  'INVALID_BILLING_TOKEN',
  // Transport, storage and generic
  'VALIDATION_FAILED',
  // Operator CLI and the server's data folder
  'ALREADY_EXISTS',
  'ALREADY_INITIALIZED',
  'DATA_DIR_IN_USE',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'SERVER_UNAVAILABLE',
  'SERVER_UNREACHABLE',
  'KEYCHAIN_UNAVAILABLE',
  'NO_API_KEY',
  'SERVER_NOT_CONFIGURED',
  'NO_LICENSE',
  'STORE_CORRUPT',
  'STORE_UNREADABLE',
  'STATE_TAMPERED',
  'UNTRUSTED_SENDER',
  'INTERNAL',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Narrows an unknown string (from HTTP, IPC or a file) to a known code. */
export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
