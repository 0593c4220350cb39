import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const seconds = z.coerce.number().int().positive();

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
  };
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return ServerConfigSchema.parse({ ...fromEnv, ...defined });
}

/** Heartbeats every quarter of the TTL, so three can be lost before the session is culled. */
export const heartbeatIntervalSeconds = (config: Pick<ServerConfig, 'sessionTtlSeconds'>): number =>
  Math.max(1, Math.floor(config.sessionTtlSeconds / 4));
