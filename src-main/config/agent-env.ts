import * as z from 'zod/mini';
import { envFlag } from '../../shared/config/env-flag';
import { fail, ok, type Result } from '../../shared/result';

/** The dev server must be on loopback: anything else would hand the window's trust to another host. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEV_URL_MESSAGE = 'TESSERA_DEV_SERVER_URL must be an http:// address on localhost or 127.0.0.1.';

/**
 * The agent's own environment variables besides the settings load-config.ts reads (TESSERA_HOME,
 * TESSERA_SERVER_URL, TESSERA_API_KEY): each narrowed once here, with a sentence naming a bad one.
 */
export const agentEnvSchema = z.object({
  /** Adds the stack of an unexpected failure to the CLI's one sentence. */
  TESSERA_DEBUG: envFlag('TESSERA_DEBUG'),
  /** How long one request to the license server may take. */
  TESSERA_TIMEOUT_MS: z
    .pipe(
      z.optional(z.string()),
      z.transform((value: string | undefined) =>
        value === undefined || value === '' ? undefined : Number(value),
      ),
    )
    .check(
      z.refine((value) => value === undefined || (Number.isInteger(value) && value > 0), {
        message: 'TESSERA_TIMEOUT_MS must be a whole number of milliseconds above 0.',
      }),
    ),
  /** A local Vite dev server the window loads instead of the built renderer (development only). */
  TESSERA_DEV_SERVER_URL: z.pipe(
    z
      .pipe(
        z.optional(z.string()),
        z.transform((value: string | undefined) => (value === undefined || value === '' ? undefined : value)),
      )
      .check(
        z.refine(
          (value) => {
            if (value === undefined) return true;
            const url = URL.canParse(value) ? new URL(value) : null;
            return (
              url !== null &&
              url.protocol === 'http:' &&
              LOOPBACK_HOSTS.has(url.hostname) &&
              !url.username &&
              !url.password
            );
          },
          { message: DEV_URL_MESSAGE },
        ),
      ),
    z.transform((value: string | undefined) =>
      value === undefined ? undefined : `${new URL(value).origin}/`,
    ),
  ),
});

/** The agent's environment after validation. */
export type AgentEnv = z.infer<typeof agentEnvSchema>;

/** Reads the agent's variables from `env`; VALIDATION_FAILED names each bad one. */
export const readAgentEnv = (env: NodeJS.ProcessEnv = process.env): Result<AgentEnv> => {
  const parsed = agentEnvSchema.safeParse(env);
  return parsed.success
    ? ok(parsed.data)
    : fail('VALIDATION_FAILED', parsed.error.issues.map((issue) => issue.message).join(' '));
};
