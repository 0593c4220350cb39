import type { SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import { createChainVerifier, type ChainVerifier } from '../../shared/trust/chain-verifier';
import type { TrustedRoot } from '../../shared/trust/trust-roots';

const chains = new Map<string, ChainVerifier>();

/** The exact roots a verifier holds (kid, key, name, source): two equal sets share one verifier. */
const fingerprint = (roots: ReadonlyMap<string, TrustedRoot>): string =>
  JSON.stringify(
    [...roots.entries()]
      .map(([listedAs, r]) => [listedAs, r.kid, r.publicKey, r.name, r.source])
      .sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1)),
  );

/**
 * One chain verifier per set of roots per process, so the certificates, revocation lists and parsed
 * files it has verified stay verified across the agent's parts built in one process (each status of a
 * long-running app, each step of a CLI command). Its caches hold only what these exact roots vouched for,
 * keyed by exact bytes, so sharing it trusts nothing new.
 */
export const processChainVerifier = (
  subtle: SubtleCryptoPort,
  roots: ReadonlyMap<string, TrustedRoot>,
): ChainVerifier => {
  if (subtle !== globalThis.crypto.subtle) return createChainVerifier(subtle, roots);
  const key = fingerprint(roots);
  let chain = chains.get(key);
  if (chain === undefined) {
    if (chains.size >= 16) chains.delete(chains.keys().next().value as string);
    chain = createChainVerifier(subtle, roots);
    chains.set(key, chain);
  }
  return chain;
};
