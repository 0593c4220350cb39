import { z } from 'zod';

const requestSchema = z.object({ kind: z.literal('tessera-machine-request'), machineId: z.string().max(64) });
const LOOSE_ID = /[0-9A-Z]{4}(?:[-\s][0-9A-Z]{4}){3}/i;

/** The machine ID inside a request file the user saved (JSON from `machine:save-request`), or inside any text that contains one. */
export function machineIdFromRequest(text: string): string | null {
  try {
    const parsed = requestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.machineId;
  } catch {
    // Not JSON: a user may paste the ID into a plain text file.
  }
  return LOOSE_ID.exec(text)?.[0] ?? null;
}
