import { randomUUID } from 'node:crypto';
import { fromBase64, utf8Bytes } from '../../shared/crypto/bytes';
import { importVerifyKey } from '../../shared/crypto/issuer-keys';
import { ED25519 } from '../../shared/crypto/subtle-port';
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
export const syncSignedTime = async (deps: AgentDeps, baseUrl: string, keys: ReadonlyMap<string, string>): Promise<Result<number>> => {
  const nonce = randomUUID();
  const answer = await deps.client(baseUrl).time(nonce);
  if (!answer.ok) return answer;
  const { kid, sig, payload } = answer.value;
  const trusted = keys.get(kid);
  const key = trusted === undefined ? undefined : await importVerifyKey(deps.subtle, trusted);
  const signature = fromBase64(sig);
  const genuine =
    key !== undefined &&
    signature !== undefined &&
    (await deps.subtle.verify(ED25519, key, signature, utf8Bytes(SIGNED_TIME_PREFIX + payload)).catch(() => false));
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
