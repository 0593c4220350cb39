import * as z from 'zod/mini';
import { IsoInstant } from '../contracts/http/iso-instant';

/** Domain prefix of the signed time payload; distinct from license files so one can't pass as the other. */
export const SIGNED_TIME_PREFIX = 'tessera-time-v1\n';

/**
 * The JSON inside a signed time answer's payload (`GET /v1/time`, shared/contracts/http/issuer.ts).
 * Apart from the contracts so verifying a time (on `tessera status`'s path) builds none of them.
 */
export const SignedTimePayload = z.object({ now: IsoInstant, nonce: z.optional(z.string()) });
