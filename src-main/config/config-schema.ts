import { z } from 'zod';

/** The agent's settings after validation: where it keeps its state and which server it trusts. */
export const agentConfigSchema = z.object({
  dataDir: z.string().min(1, 'The data folder must not be empty.'),
  serverUrl: z
    .url({ protocol: /^https?$/, error: 'The server URL must be an http:// or https:// address.' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  serverMode: z.enum(['remote', 'embedded']).optional(),
  /** TESSERA_TRUSTED_ISSUERS: a trusted-issuers.json replacing the shipped one. */
  trustedIssuersPath: z.string().min(1).optional(),
});

/** Validated agent configuration. */
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** What the optional config.json in the data folder may contain (persisted choices of the user). */
export const storedConfigSchema = z
  .object({ serverUrl: z.string().optional(), serverMode: z.enum(['remote', 'embedded']).optional() })
  .strict();

/** The persisted settings. */
export type StoredConfig = z.infer<typeof storedConfigSchema>;
