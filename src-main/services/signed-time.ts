import { randomUUID } from 'node:crypto';
import { ok, type Result } from '../../shared/result';
import { verifySignedTime } from '../../shared/trust/verify-signed-time';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime } from './clock-guard';
import { knownRevocations } from './revocations';

/**
 * Asks the server for signed time (fresh nonce against replay), checks the signing key's certificate
 * against this build's roots (and the kept revocation lists) and the signature, raises the trusted time.
 */
export const syncSignedTime = async (deps: AgentDeps, baseUrl: string): Promise<Result<number>> => {
  const nonce = randomUUID();
  const answer = await deps.client(baseUrl).time(nonce);
  if (!answer.ok) return answer;
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const verified = await verifySignedTime(deps.chain, answer.value, {
    nonce,
    revocations: await knownRevocations(deps, loaded.value),
  });
  if (!verified.ok) return verified;
  const serverNow = verified.value.now;
  return deps.store.update((state) => {
    state.lastTrustedTime = advanceTrustedTime(state.lastTrustedTime, serverNow);
    return ok({ state, value: serverNow });
  });
};
