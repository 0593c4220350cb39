import { z } from 'zod';
import { ERROR_CODES } from '../error-codes';
import { Id, IsoInstant, ProductId } from './http/common';

/** Instants cross IPC as the server sends them (ISO-8601 UTC), so main passes them through untouched. */
export const isoInstantSchema = IsoInstant;

/** Products are catalog data (R4): any catalog id, the same rule the HTTP contract applies. */
export const productIdSchema = ProductId;

/** Organization ids are the server's UUIDs; a malformed one is refused in main, before any I/O. */
export const orgIdSchema = Id;

/** User ids are the server's UUIDs. */
export const userIdSchema = Id;

/** A machine ID as typed or shown; main parses it with shared/machine-id before using it. */
export const machineIdTextSchema = z.string().trim().min(1).max(64);

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
