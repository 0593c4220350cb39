import { randomUUID } from 'node:crypto';
import type { Result } from '../../shared/result';
import type { RevocationState } from '../../shared/trust/revocation-list';
import { verifySignedTime } from '../../shared/trust/verify-signed-time';
import type { LicenseServerClient } from '../adapters/license-server-client';
import type { AgentDeps } from './agent-deps';

/** A request for signed time, sent at once so it travels beside the call it accompanies. */
export interface PendingSignedTime {
  /** Verifies the answer (once it is in) against the kept revocation lists; the signed instant in epoch ms. */
  verified(revocations: RevocationState): Promise<Result<number>>;
}

/**
 * Asks the server for signed time (fresh nonce against replay) without waiting; `verified` checks the
 * signing key's certificate against this build's roots and the lists, the signature and the nonce.
 * Nothing is written: the caller folds the time into its own single state update.
 */
export const requestSignedTime = (deps: AgentDeps, client: LicenseServerClient): PendingSignedTime => {
  const nonce = randomUUID();
  const answer = client.time(nonce);
  return {
    verified: async (revocations) => {
      const received = await answer;
      if (!received.ok) return received;
      const checked = await verifySignedTime(deps.chain, received.value, { nonce, revocations });
      return checked.ok ? { ok: true, value: checked.value.now } : checked;
    },
  };
};
