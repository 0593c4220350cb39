import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { MachineRef } from '../repositories/machines';
import type { LockedSubscription } from '../repositories/subscriptions';

/** What the activation must do after the model's rule said yes. */
export interface ActivationPlan {
  readonly openSession: boolean;
  readonly resumeSessionId: string | null;
  readonly endSessions: { sessionId: string; machineId: string; reason: string }[];
  readonly deactivate: string[];
}

/** Facts each model's rule reads; loaded inside the locked transaction. */
export interface ActivationFacts {
  readonly trx: Transaction<Database>;
  readonly sub: LockedSubscription;
  readonly machine: MachineRef;
  readonly userId: string;
  readonly now: number;
  readonly ttlSeconds: number;
  readonly transfer: boolean;
}

/** A plan that changes nothing beyond recording the activation. */
export const NOTHING: ActivationPlan = {
  openSession: false,
  resumeSessionId: null,
  endSessions: [],
  deactivate: [],
};
