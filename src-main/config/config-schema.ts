import * as z from 'zod/mini';

/** The agent's settings after validation: where it keeps its state and which server it trusts. */
export const agentConfigSchema = z.object({
  dataDir: z.string().check(z.minLength(1, 'The data folder must not be empty.')),
  serverUrl: z.optional(
    z.pipe(
      z.url({ protocol: /^https?$/, error: 'The server URL must be an http:// or https:// address.' }),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
  ),
  requestTimeoutMs: z._default(z.number().check(z.int(), z.positive()), 10_000),
  serverMode: z.optional(z.enum(['remote', 'embedded'])),
  /** A CI credential for this process only (TESSERA_API_KEY or --api-key-stdin); never stored. */
  apiKey: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'TESSERA_API_KEY is set but empty; unset it or give the key.'),
        z.maxLength(512, 'TESSERA_API_KEY is too long to be an API key.'),
      ),
  ),
});

/** Validated agent configuration. */
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** What the optional config.json in the data folder may contain (persisted choices of the user). */
export const storedConfigSchema = z.strictObject({
  serverUrl: z.optional(z.string()),
  serverMode: z.optional(z.enum(['remote', 'embedded'])),
});

/** The persisted settings. */
export type StoredConfig = z.infer<typeof storedConfigSchema>;
