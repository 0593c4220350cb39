import * as z from 'zod/mini';

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['', '0', 'false', 'no', 'off']);

/** An on/off environment variable (TESSERA_DEBUG): unset and the usual words read, anything else is refused by name. */
export const envFlag = (name: string) =>
  z.pipe(
    z.optional(z.string()).check(
      z.refine(
        (value) => value === undefined || ON.has(value.toLowerCase()) || OFF.has(value.toLowerCase()),
        {
          message: `${name} must be 1 or 0 (or true/false, yes/no, on/off).`,
        },
      ),
    ),
    z.transform((value: string | undefined) => value !== undefined && ON.has(value.toLowerCase())),
  );
