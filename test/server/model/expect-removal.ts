import type { Result } from '../../../shared/result';
import { expected, type Effect, type Expected } from './expect-admin';
import { activationKey, type Model } from './model';
import type { ProductName, UserName } from './world';

// R23: after a removal ended a user's use, the next refusal on that machine names the removal.

const EXPLAINABLE = new Set(['NOT_LICENSED', 'NOT_A_MEMBER', 'PRODUCT_NOT_SUBSCRIBED', 'UNKNOWN_MACHINE']);

/**
 * R23: a refusal that follows a removal names the removal, read from the user's newest activation of
 * the product on that machine (rows refreshed in the same instant may answer either way).
 */
export function explained(
  m: Model,
  p: ProductName,
  u: UserName,
  machine: string,
  r: Result<Effect>,
): Expected {
  if (r.ok) return r;
  const code = r.error.code;
  const rows = m.history.get(activationKey(p, u, machine)) ?? [];
  if (!EXPLAINABLE.has(code) || rows.length === 0) return expected(r);
  const newest = Math.max(...rows.map((row) => row.refreshedAt));
  const codes = rows
    .filter((row) => row.refreshedAt === newest)
    .map((row) => (row.endedAt !== null && row.code !== null ? row.code : code));
  return { ok: false, codes: [...new Set(codes)] };
}
