import * as z from 'zod/mini';
import { hasValidCheckCharacter } from './check-character';
import { MACHINE_ID_PATTERN, parseMachineId } from './machine-id-format';

/** A machine ID in canonical form (as written into license files and stored by the server). */
export const machineIdSchema = z.string().check(
  z.regex(MACHINE_ID_PATTERN, 'A machine ID is four groups of four characters, like ABCD-EFGH-JKMN-PQRS.'),
  z.refine(
    (id) => hasValidCheckCharacter(id.replaceAll('-', '')),
    'The machine ID check character does not match.',
  ),
);

/** A machine ID as a person typed it, normalized to canonical form, for HTTP and IPC inputs. */
export const typedMachineIdSchema = z.pipe(
  z.string().check(z.maxLength(64)),
  z.transform((typed: string, ctx) => {
    const parsed = parseMachineId(typed);
    if (parsed.ok) return parsed.value;
    ctx.issues.push({ code: 'custom', message: parsed.error.message, input: typed });
    return z.NEVER;
  }),
);
