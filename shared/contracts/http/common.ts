import { z } from 'zod';
import { ERROR_CODES } from '../../error-codes';

/** Every refusal the server sends has this body, so clients branch on `error.code` alone. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
/** A refusal body as the client sees it. */
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Instants cross HTTP as ISO-8601 UTC strings so both sides agree on one format. */
export { IsoInstant } from './iso-instant';

/** Server-side identifiers are UUIDs; a bad one is a validation error, not a 500. */
export const Id = z.uuid();

/** Catalog product ids are short slugs (`kse`, `kre`, …) defined by the shared catalog. */
export const ProductId = z.string().min(1).max(64);

/** License kinds the server grants; mirrors the shared catalog's LicenseKind. */
export const LicenseKindSchema = z.enum(['per-user', 'node-locked', 'floating', 'session', 'seat', 'aut']);
/** One of the license kinds. */
export type LicenseKindName = z.infer<typeof LicenseKindSchema>;

/** Roles per organization (R15). */
export const RoleSchema = z.enum(['owner', 'admin', 'member']);

/** How the agent classified the machine (node-locked and per-User want a fixed machine). */
export const VirtualizationSchema = z.enum(['physical', 'virtual-machine', 'container', 'unknown']);

/** Typed machine ID as the admin or agent sends it; the server re-parses it with its check character. */
export const MachineIdText = z.string().min(4).max(64);

/** R3: the application under test a TrueTest session is for (a name, bundle id or URL the team chooses). */
export const ApplicationId = z.string().trim().min(1).max(200);

/** What the agent tells the server about its machine; raw serials never leave it, only hashes. */
export const MachineInfo = z.object({
  machineId: MachineIdText,
  componentHashes: z
    .record(z.string().max(64), z.string().max(128))
    .refine((r) => Object.keys(r).length <= 16, {
      message: 'At most 16 component hashes.',
    }),
  osUserHash: z.string().max(128).optional(),
  virtualization: VirtualizationSchema.default('unknown'),
});
/** Machine facts sent with an activation. */
export type MachineInfo = z.infer<typeof MachineInfo>;

/** The status → error-body map every route declares so OpenAPI lists the refusals. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
  503: ErrorBody,
} as const;
