import { randomUUID } from 'node:crypto';
import { verifyPrefixed } from '../../shared/crypto/prefixed-signature';
import { SIGNED_TIME_PREFIX, SignedTimePayload } from '../../shared/contracts/http/issuer';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime } from './clock-guard';

const parsePayload = (text: string) => {
  try {
    return SignedTimePayload.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
};

/** Asks the server for signed time (fresh nonce against replay), verifies it with a trusted key, raises the trusted time. */
export const syncSignedTime = async (
  deps: AgentDeps,
  baseUrl: string,
  keys: ReadonlyMap<string, string>,
): Promise<Result<number>> => {
  const nonce = randomUUID();
  const answer = await deps.client(baseUrl).time(nonce);
  if (!answer.ok) return answer;
  const { kid, sig, payload } = answer.value;
  const genuine =
    (await verifyPrefixed(deps.subtle, keys, kid, SIGNED_TIME_PREFIX, payload, sig)) === 'valid';
  const parsed = parsePayload(payload);
  if (!genuine || !parsed?.success || parsed.data.nonce !== nonce) {
    return fail('BAD_SIGNATURE', 'The license server sent a time this agent cannot verify; it was ignored.');
  }
  const serverNow = Date.parse(parsed.data.now);
  return deps.store.update((state) => {
    state.lastTrustedTime = advanceTrustedTime(state.lastTrustedTime, serverNow);
    return ok({ state, value: serverNow });
  });
};
