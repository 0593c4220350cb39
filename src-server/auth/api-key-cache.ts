import type { KeyOwner } from '../repositories/api-key-lookup';

/** How long a live key's owner is remembered, how many keys at most, and the clock (epoch ms). */
export interface ApiKeyCacheOptions {
  /** 0 turns the cache off: every request asks the database. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
}

/** A key-hash lookup that remembers live keys for a bounded time, and can be told to forget them all. */
export interface ApiKeyCache {
  readonly ownerOf: (keyHash: string) => Promise<KeyOwner | undefined>;
  /** Forgets every remembered key at once (this process revoked or rotated a key). */
  readonly forgetAll: () => void;
}

interface Entry {
  readonly owner: KeyOwner;
  readonly expiresAt: number;
}

/**
 * Remembers the owners of live API keys for `ttlMs` so hot routes authenticate without a database
 * round trip. Only live keys are remembered: an unknown or revoked key always asks the database, so
 * failures stay counted and a new key works at once. A key revoked elsewhere (another server process,
 * the operator CLI) is refused at most `ttlMs` after the revocation commits; one revoked through this
 * process is refused by the next request, because `forgetAll` runs after the commit and a lookup that
 * started before it never stores its (possibly stale) answer.
 */
export function createApiKeyCache(
  lookup: (keyHash: string) => Promise<KeyOwner | undefined>,
  options: ApiKeyCacheOptions,
): ApiKeyCache {
  let entries = new Map<string, Entry>();
  let generation = 0;

  const remember = (keyHash: string, owner: KeyOwner): void => {
    if (entries.size >= options.maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
    entries.set(keyHash, { owner, expiresAt: options.now() + options.ttlMs });
  };

  const ownerOf = async (keyHash: string): Promise<KeyOwner | undefined> => {
    if (options.ttlMs <= 0) return lookup(keyHash);
    const hit = entries.get(keyHash);
    if (hit !== undefined) {
      if (hit.expiresAt > options.now()) return hit.owner;
      entries.delete(keyHash);
    }
    const startedIn = generation;
    const owner = await lookup(keyHash);
    if (owner !== undefined && startedIn === generation) remember(keyHash, owner);
    return owner;
  };

  const forgetAll = (): void => {
    generation += 1;
    entries = new Map();
  };

  return { ownerOf, forgetAll };
}
