import { z } from 'zod';
import { hasValidCheckCharacter } from './check-character';
import { MACHINE_ID_PATTERN, parseMachineId } from './machine-id-format';

/** A machine ID in canonical form (as written into license files and stored by the server). */
export const machineIdSchema = z
  .string()
  .regex(MACHINE_ID_PATTERN, 'A machine ID is four groups of four characters, like ABCD-EFGH-JKMN-PQRS.')
  .refine(
    (id) => hasValidCheckCharacter(id.replaceAll('-', '')),
    'The machine ID check character does not match.',
  );

/** A machine ID as a person typed it, normalized to canonical form, for HTTP and IPC inputs. */
export const typedMachineIdSchema = z
  .string()
  .max(64)
  .transform((typed, ctx) => {
    const parsed = parseMachineId(typed);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.error.message });
    return z.NEVER;
  });
