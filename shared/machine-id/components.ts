import * as z from 'zod/mini';

/** The hardware facts a machine is recognized by (DESIGN.md "Machine identity"); each may be missing. */
export const COMPONENT_NAMES = [
  'osMachineId',
  'systemUuid',
  'baseboardSerial',
  'diskSerial',
  'cpu',
  'primaryMac',
] as const;

/** Zod enum of the component names, for adapters and HTTP bodies. */
export const componentNameSchema = z.enum(COMPONENT_NAMES);
/** One hardware component name. */
export type ComponentName = z.infer<typeof componentNameSchema>;

/**
 * Components that feed the machine ID. MAC and disk serial are left out: docks, VPNs and USB disks change
 * them between runs, which would break R12. They still count when the server matches a machine.
 */
export const IDENTITY_COMPONENTS: readonly ComponentName[] = [
  'osMachineId',
  'systemUuid',
  'baseboardSerial',
  'cpu',
];

/** Components used for the ID only when none of the identity components could be read. */
export const FALLBACK_COMPONENTS: readonly ComponentName[] = ['diskSerial', 'primaryMac'];

/** A component hash: sha256 hex. Raw values never leave the machine, only these. */
export const componentHashSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{64}$/, 'A component hash is 64 lowercase hex digits.'));

/** Hashes of the components that could be read; a missing key means "could not be read", never invented. */
export const componentHashesSchema = z.partialRecord(componentNameSchema, componentHashSchema);
/** Hashed components of one machine. */
export type ComponentHashes = z.infer<typeof componentHashesSchema>;

/** The CPU component is model and core count together, so a same-model CPU with more cores differs. */
export const cpuComponentRaw = (model: string | undefined, cores: number | undefined): string | undefined =>
  model === undefined || model.trim() === '' || cores === undefined || cores < 1
    ? undefined
    : `${model} x${cores}`;
