import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { envFlag } from '../shared/config/env-flag';

const seconds = z.coerce.number().int().positive();

/**
 * TESSERA_TRUST_PROXY: off by default (the socket address is the client). A comma list of proxy
 * addresses/CIDRs (e.g. `127.0.0.1`) believes X-Forwarded-For only from those; `true` believes
 * every hop (only when nothing can reach the server except the proxy; see docs/server.md).
 */
export const TrustProxySchema = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((value): boolean | string[] => {
    if (value === undefined || typeof value === 'boolean') return value ?? false;
    if (Array.isArray(value)) return value;
    const text = value.trim().toLowerCase();
    if (text === '' || text === 'false' || text === 'off' || text === '0') return false;
    if (text === 'true' || text === 'on') return true;
    return text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
  });

/** Everything the server reads from env and flags, narrowed once so the rest trusts it. */
export const ServerConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().default('127.0.0.1'),
  dataDir: z.string().min(1),
  databaseUrl: z.url().optional(),
  masterKey: z.string().min(16).optional(),
  /** TESSERA_CATALOG: a catalog JSON file replacing the seeds' default catalog (R4). */
  catalogPath: z.string().min(1).optional(),
  sessionTtlSeconds: seconds.default(120),
  /** How often the renewal scheduler applies due renewal orders. */
  renewalIntervalSeconds: seconds.default(60),
  leaseDays: seconds.default(7),
  authFailuresPerMinute: seconds.default(10),
  authFailuresPerAddressPerMinute: seconds.default(100),
  unauthenticatedPerMinute: seconds.default(600),
  /** TESSERA_API_KEY_CACHE_SECONDS: how long a key revoked by another process may still work here (0: never). */
  apiKeyCacheSeconds: z.coerce.number().int().min(0).max(60).default(5),
  trustProxy: TrustProxySchema,
  bodyLimitBytes: seconds.default(64 * 1024),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
/** The server's validated configuration. */
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** Default data directory: TESSERA_DATA_DIR, else ~/.tessera-server. */
export const defaultDataDir = (env: NodeJS.ProcessEnv): string =>
  env.TESSERA_DATA_DIR ?? join(homedir(), '.tessera-server');

/** Reads the configuration from env with CLI overrides on top; throws a readable zod error. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Partial<Record<keyof ServerConfig, unknown>> = {},
): ServerConfig {
  const fromEnv = {
    port: env.TESSERA_PORT ?? env.PORT,
    host: env.TESSERA_HOST,
    dataDir: defaultDataDir(env),
    databaseUrl: env.DATABASE_URL || undefined,
    masterKey: env.TESSERA_MASTER_KEY || undefined,
    catalogPath: env.TESSERA_CATALOG || undefined,
    sessionTtlSeconds: env.TESSERA_SESSION_TTL_SECONDS,
    renewalIntervalSeconds: env.TESSERA_RENEWAL_INTERVAL_SECONDS,
    leaseDays: env.TESSERA_LEASE_DAYS,
    logLevel: env.TESSERA_LOG_LEVEL,
    trustProxy: env.TESSERA_TRUST_PROXY,
    authFailuresPerMinute: env.TESSERA_AUTH_FAILURES_PER_MINUTE,
    authFailuresPerAddressPerMinute: env.TESSERA_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE,
    unauthenticatedPerMinute: env.TESSERA_UNAUTHENTICATED_PER_MINUTE,
    apiKeyCacheSeconds: env.TESSERA_API_KEY_CACHE_SECONDS,
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return ServerConfigSchema.parse({ ...fromEnv, ...defined });
}

/** TESSERA_DEBUG for the operator CLI (adds the stack to a failure's sentence); a bad value reads as off. */
export const debugFromEnv = (env: NodeJS.ProcessEnv = process.env): boolean => {
  const parsed = envFlag('TESSERA_DEBUG').safeParse(env.TESSERA_DEBUG);
  return parsed.success && parsed.data;
};

/** TESSERA_CATALOG through the schema, for commands that list the catalog's products before any config loads. */
export const catalogPathFromEnv = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  ServerConfigSchema.shape.catalogPath.parse(env.TESSERA_CATALOG || undefined);

/** Heartbeats every quarter of the TTL, so three can be lost before the session is culled. */
export const heartbeatIntervalSeconds = (config: Pick<ServerConfig, 'sessionTtlSeconds'>): number =>
  Math.max(1, Math.floor(config.sessionTtlSeconds / 4));
