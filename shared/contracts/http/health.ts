import { z } from 'zod';

/** /healthz and /readyz answer: liveness (process up) and readiness (database reachable). */
export const HealthResponse = z.object({ status: z.enum(['ok', 'unavailable']) });
/** A health answer. */
export type HealthResponse = z.infer<typeof HealthResponse>;
