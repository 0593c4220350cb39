import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/result';
import type { RevocationState } from '../../shared/trust/revocation-list';
import { verifySignedTime } from '../../shared/trust/verify-signed-time';
import type { LicenseServerClient } from '../adapters/license-server-client';
import type { AgentDeps } from './agent-deps';
import { RECORD_STEP_MS } from './clock-guard';

/** A request for signed time, sent at once so it travels beside the call it accompanies. */
export interface PendingSignedTime {
  /** Verifies the answer (once it is in) against the kept revocation lists; the signed instant in epoch ms. */
  verified(revocations: RevocationState): Promise<Result<number>>;
}

/** When this process last raised a data folder's floor from a server's signed time (local clock, epoch ms). */
const lastSynced = new Map<string, number>();

const syncKey = (deps: AgentDeps, client: LicenseServerClient): string =>
  `${deps.dataDir}\n${new URL(client.baseUrl).origin}`;

/**
 * Whether signed time is worth asking: at most once per RECORD_STEP_MS per data folder and server in a
 * process (a lease refresher activating several products needs one), and again at once when the local
 * clock moved back. Every activation's lease still raises the floor by its own signed issue time.
 */
export const signedTimeDue = (deps: AgentDeps, client: LicenseServerClient): boolean => {
  const last = lastSynced.get(syncKey(deps, client));
  const now = deps.now();
  return last === undefined || now < last || now - last >= RECORD_STEP_MS;
};

/** A request that was not sent: its answer is "no signed time this time". */
export const NO_SIGNED_TIME: PendingSignedTime = {
  verified: async () => fail('SERVER_UNAVAILABLE', 'Signed time was not asked this time.'),
};

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
      if (!checked.ok) return checked;
      lastSynced.set(syncKey(deps, client), deps.now());
      return ok(checked.value.now);
    },
  };
};
