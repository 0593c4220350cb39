import { z } from 'zod';
import { ERROR_CODES } from '../error-codes';

/** Instants cross IPC as ISO-8601 UTC strings, so JSON structured clone keeps them intact. */
export const isoInstantSchema = z.iso.datetime({ offset: true });

/** Products are catalog data (R4), so the contract accepts any catalog id rather than a fixed enum. */
export const productIdSchema = z.string().trim().min(1).max(64);

/** Organization ids are opaque server identifiers. */
export const orgIdSchema = z.string().trim().min(1).max(128);

/** User ids are opaque server identifiers. */
export const userIdSchema = z.string().trim().min(1).max(128);

/** A machine ID as typed or shown; main parses it with shared/machine-id before using it. */
export const machineIdTextSchema = z.string().trim().min(1).max(64);

/** License kinds the agent can hold (per-User KSE, legacy node-locked/floating, KRE sessions, seats, AUT). */
export const licenseKindSchema = z.enum(['per-user', 'node-locked', 'floating', 'session', 'seat', 'aut']);

/** Channels without input still take one (empty) payload object, so every channel has the same shape. */
export const emptyPayloadSchema = z.object({}).strict();

/** A text file handed over by content (never by path): license files, request files, CSV exports. */
export const textFileSchema = z.object({
  fileName: z.string().min(1).max(255),
  content: z.string().max(1_048_576),
});

/** Server-side paging for large admin tables (virtualized rows need the total); no defaults, so input = output. */
export const pageRequestSchema = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});

/** Wraps an item schema as one page of results plus the total row count. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().min(0) });

/** A refusal as it crosses IPC: stable code plus a sentence for a person (shared/result.ts). */
export const ipcErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** Validates the `{ok, value} | {ok: false, error}` envelope around a channel's value schema. */
export const ipcResultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);

/** A plain confirmation for commands that change something and have nothing else to report. */
export const doneSchema = z.object({ done: z.literal(true) });
