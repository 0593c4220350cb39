/** How hard the client tries again: only idempotent calls, exponential backoff with full jitter. */
export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Longest Retry-After the client waits for before giving up and reporting RATE_LIMITED. */
  readonly maxRetryAfterMs: number;
}

/** Defaults suited to an interactive desktop: a couple of quick retries, never minutes of waiting. */
export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
};

/** Full-jitter backoff (AWS architecture blog) so many agents recovering at once do not stampede. */
export const backoffDelay = (
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number => Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));

/** Parses Retry-After (seconds or HTTP date) into milliseconds; undefined when absent or unreadable. */
export const parseRetryAfter = (header: string | null, now: number = Date.now()): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Promise-based sleep used between attempts. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
