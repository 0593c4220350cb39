/**
 * Canonical JSON (RFC 8785 / JCS for the value types license files hold: strings, integers, booleans,
 * arrays, plain objects): keys sorted by UTF-16 code units, no whitespace. Signer and verifier must
 * produce the same bytes for the same payload, so there is exactly one spelling of each payload.
 */

/** Plain JSON data: what a license payload or envelope is made of. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

const sortKeys = (value: JsonValue | undefined): JsonValue | undefined => {
  if (Array.isArray(value)) return value.map((item: JsonValue) => sortKeys(item) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const record = value as { readonly [key: string]: JsonValue | undefined };
  const sorted: Record<string, JsonValue> = {};
  for (const key of Object.keys(record).sort()) {
    const item = sortKeys(record[key]);
    if (item !== undefined) sorted[key] = item;
  }
  return sorted;
};

/** Serializes with sorted keys and no whitespace; undefined members are left out as JSON.stringify does. */
export const canonicalJson = (value: JsonValue): string => JSON.stringify(sortKeys(value));
