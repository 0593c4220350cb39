import { randomUUID } from 'node:crypto';
import { verifyPrefixedWithKey } from '../../shared/crypto/prefixed-signature';
import { SIGNED_TIME_PREFIX, SignedTimePayload } from '../../shared/contracts/http/issuer';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime } from './clock-guard';
import { knownRevocations } from './revocations';

const parsePayload = (text: string) => {
  try {
    return SignedTimePayload.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
};

/**
 * Asks the server for signed time (fresh nonce against replay), checks the signing key's certificate
 * against this build's roots (and the kept revocation lists) and the signature, raises the trusted time.
 */
export const syncSignedTime = async (deps: AgentDeps, baseUrl: string): Promise<Result<number>> => {
  const nonce = randomUUID();
  const answer = await deps.client(baseUrl).time(nonce);
  if (!answer.ok) return answer;
  const { kid, sig, payload, cert } = answer.value;
  const parsed = parsePayload(payload);
  if (!parsed?.success || parsed.data.nonce !== nonce) {
    return fail('BAD_SIGNATURE', 'The license server sent a time this agent cannot verify; it was ignored.');
  }
  const serverNow = Date.parse(parsed.data.now);
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const signer = await deps.chain.signingKey(cert, {
    kid,
    at: serverNow,
    revocations: await knownRevocations(deps, loaded.value),
  });
  if (!signer.ok) return signer;
  if (!(await verifyPrefixedWithKey(deps.subtle, signer.value.key, SIGNED_TIME_PREFIX, payload, sig))) {
    return fail('BAD_SIGNATURE', 'The license server sent a time this agent cannot verify; it was ignored.');
  }
  return deps.store.update((state) => {
    state.lastTrustedTime = advanceTrustedTime(state.lastTrustedTime, serverNow);
    return ok({ state, value: serverNow });
  });
};
