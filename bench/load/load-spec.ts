import { z } from 'zod';

// The contract between the bench process and the load-generator child process (JSON file in, JSON line out).

/** One simulated client: its API key header and the requests it cycles through. */
export const LoadClientSchema = z.object({
  authorization: z.string(),
  requests: z.array(z.object({ path: z.string(), body: z.string().optional() })).min(1),
});

/** What the child runs: autocannon against one URL, bounded in time, loopback only. */
export const LoadSpecSchema = z.object({
  url: z.string().refine((u) => new URL(u).hostname === '127.0.0.1', 'Load goes to loopback only.'),
  method: z.enum(['GET', 'POST']),
  connections: z.number().int().positive(),
  durationSeconds: z.number().positive(),
  /** Responses in the first seconds are not counted (connections and caches warm up). */
  warmupSeconds: z.number().min(0),
  /** Stop early after this many counted responses (slow reads: a count, capped by the duration). */
  maxRequests: z.number().int().positive().optional(),
  clients: z.array(LoadClientSchema).min(1),
  /** Burst mode: each request is the next client's first request, every client once (then it stops). */
  eachClientOnce: z.boolean().optional(),
});
/** A load run's input. */
export type LoadSpec = z.infer<typeof LoadSpecSchema>;

/** What the child measured after warm-up: throughput, exact latency percentiles, failures. */
export const LoadResultSchema = z.object({
  requestsPerSecond: z.number(),
  completed: z.number().int(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  /** null when no response arrived in the measured window. */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  measuredSeconds: z.number(),
  /** Every response, warm-up included (what the server's CPU time is divided by). */
  allResponses: z.number().int().optional(),
  /** CPU ms the load generator itself burned from its first request to its last (it shares the cores). */
  clientCpuMs: z.number().optional(),
  firstFailure: z.string().nullable(),
});
/** A load run's output. */
export type LoadResult = z.infer<typeof LoadResultSchema>;
