import { SIGNED_TIME_PREFIX, SignedTimePayload } from './signed-time-payload';
import { verifyPrefixedWithKey } from '../crypto/prefixed-signature';
import { fail, ok, type Result } from '../result';
import type { ChainVerifier } from './chain-verifier';
import type { RevocationState } from './revocation-list';
import type { SignedObject } from './signed-object';
import type { TrustedRoot } from './trust-roots';

/** The parts of a `/v1/time` answer that are checked (the unsigned `now` beside them is ignored). */
export interface SignedTimeAnswer {
  readonly kid: string;
  readonly payload: string;
  readonly sig: string;
  readonly cert?: SignedObject | undefined;
}

const parsePayload = (text: string) => {
  try {
    const parsed = SignedTimePayload.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const unverifiable = () =>
  fail('BAD_SIGNATURE', 'The license server sent a time this agent cannot verify; it was ignored.');

/**
 * Checks a signed time against the roots: the certificate chains to a root and was valid at the signed
 * instant, the signature holds and the nonce is the one sent (no replay). Answers the signed time.
 */
export const verifySignedTime = async (
  chain: ChainVerifier,
  answer: SignedTimeAnswer,
  expect: { readonly nonce?: string; readonly revocations?: RevocationState },
): Promise<Result<{ readonly now: number; readonly root: TrustedRoot }>> => {
  const payload = parsePayload(answer.payload);
  if (payload === undefined || payload.nonce !== expect.nonce) return unverifiable();
  const now = Date.parse(payload.now);
  const signer = await chain.signingKey(answer.cert, {
    kid: answer.kid,
    at: now,
    ...(expect.revocations === undefined ? {} : { revocations: expect.revocations }),
  });
  if (!signer.ok) return signer;
  const genuine = await verifyPrefixedWithKey(
    chain.subtle,
    signer.value.key,
    SIGNED_TIME_PREFIX,
    answer.payload,
    answer.sig,
  );
  return genuine ? ok({ now, root: signer.value.root }) : unverifiable();
};
