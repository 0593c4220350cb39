import { z } from 'zod';

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['', '0', 'false', 'no', 'off']);

/** An on/off environment variable (TESSERA_DEBUG): unset and the usual words read, anything else is refused by name. */
export const envFlag = (name: string) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined || ON.has(value.toLowerCase()) || OFF.has(value.toLowerCase()), {
      message: `${name} must be 1 or 0 (or true/false, yes/no, on/off).`,
    })
    .transform((value) => value !== undefined && ON.has(value.toLowerCase()));
