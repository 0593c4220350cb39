import * as z from 'zod/mini';
import { signedObjectSchema } from '../../shared/trust/signed-object';

/** A signed lease the server issued for one product on this machine (armored license-file text). */
export const storedLeaseSchema = z.object({
  content: z.string(),
  licenseId: z.string(),
  expiresAt: z.string(),
  refreshedAt: z.number(),
  serverOrigin: z.string(),
});

/** An imported offline license (armored text) and where it came from. */
export const storedOfflineSchema = z.object({
  content: z.string(),
  licenseId: z.string(),
  fileName: z.string(),
  expiresAt: z.string(),
  importedAt: z.number(),
});

/** A session this agent holds on the server, so a restart or `session stop` can release it. */
export const storedSessionSchema = z.object({
  sessionId: z.string(),
  productId: z.string(),
  serverOrigin: z.string(),
  heartbeatIntervalSeconds: z.number().check(z.positive()),
  startedAt: z.number(),
  lastHeartbeatAt: z.number(),
  ownerPid: z.optional(z.number().check(z.int())),
  /** R3: the application under test, so a lost TrueTest session is checked out again for the same one. */
  applicationId: z.optional(z.string()),
});

/** The last word from the server about a product (refused refresh, ended session), shown in status. */
export const productNoteSchema = z.object({ code: z.string(), message: z.string(), at: z.number() });

/** Whether the server answered the last time the agent tried, so status can warn without a network call. */
export const serverContactSchema = z.object({
  reachable: z.boolean(),
  at: z.number(),
  message: z.optional(z.string()),
});

/**
 * Everything the agent remembers on disk; no secrets (API keys live in the keychain). Keys are never
 * stored: a state file of an older agent with pinned `issuerKeys` still reads, and the pins are dropped.
 */
export const storeStateSchema = z.object({
  version: z.literal(1),
  lastTrustedTime: z.number().check(z.nonnegative()),
  /** Per root kid, the root-signed revocation list with the highest serial seen (verified on every use). */
  revocations: z._default(z.record(z.string(), signedObjectSchema), {}),
  leases: z.record(z.string(), storedLeaseSchema),
  offlineLicenses: z.record(z.string(), storedOfflineSchema),
  sessions: z.record(z.string(), storedSessionSchema),
  notes: z._default(z.record(z.string(), productNoteSchema), {}),
  serverContact: z._default(z.nullable(serverContactSchema), null),
});

/** The agent's persisted state. */
export type StoreState = z.infer<typeof storeStateSchema>;
/** One stored lease. */
export type StoredLease = z.infer<typeof storedLeaseSchema>;
/** One stored session. */
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** The state of a fresh install. */
export const emptyState = (): StoreState => ({
  version: 1,
  lastTrustedTime: 0,
  revocations: {},
  leases: {},
  offlineLicenses: {},
  sessions: {},
  notes: {},
  serverContact: null,
});
