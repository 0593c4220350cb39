import { ErrorBody } from '../../../shared/contracts/http/common';

/** One request of a load: which server, path, caller and JSON body. */
export interface LoadRequest {
  readonly base: string;
  readonly path: string;
  readonly key: string;
  readonly body: unknown;
}

/** What came back: 'ok' for any 2xx, else the refusal code, or 'no answer' when the connection died. */
export type Outcome = { readonly kind: 'ok'; readonly body: unknown } | { readonly kind: string };

/** POSTs one request over real loopback HTTP and classifies the answer (never throws). */
export async function post(req: LoadRequest): Promise<Outcome> {
  try {
    const res = await fetch(`${req.base}${req.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${req.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(req.body),
    });
    const body = (await res.json()) as unknown;
    if (res.ok) return { kind: 'ok', body };
    const error = ErrorBody.safeParse(body);
    return { kind: error.success ? error.data.error.code : `HTTP ${res.status}` };
  } catch {
    return { kind: 'no answer' };
  }
}

/** Fires `count` requests at once (the burst the quota must survive) and returns every outcome in order. */
export const burst = (count: number, build: (i: number) => LoadRequest): Promise<Outcome[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => post(build(i))));

/** Counts outcomes by kind, for readable assertions and failure messages. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return counts;
}

/** STRESS=1 (npm run test:stress) selects the heavy variant of a reliability test. */
export const STRESS = process.env.STRESS === '1';
