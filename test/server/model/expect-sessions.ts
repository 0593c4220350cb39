import { decideRemoval } from '../../../shared/domain/transfer-removal';
import { ok, type Result } from '../../../shared/result';
import type { Effect } from './expect-admin';
import {
  activatedMachines,
  deactivateKeys,
  endSessions,
  isLive,
  offlineMachines,
  type Model,
  type ModelSession,
} from './model';
import type { ProductName } from './world';

// What the model expects of calls on an existing session (R19, R21, R23) and of removing a machine ID.

/** POST /v1/sessions/{id}/heartbeat: a live session is refreshed; a timed-out one is refused and ends now. */
export function expectHeartbeat(m: Model, s: ModelSession): { code: string | null; effect: Effect } {
  const same = (x: Model) => x.sessions.find((y) => y.serverId === s.serverId);
  if (m.revoked.has(s.user)) return { code: 'KEY_REVOKED', effect: () => {} };
  if (isLive(m, s))
    return {
      code: null,
      effect: (x) => {
        const y = same(x);
        if (y) y.heartbeatAt = x.now;
      },
    };
  return {
    code: s.endCode ?? 'SESSION_ENDED',
    effect: (x) => void endSessions(x, (y) => y.serverId === s.serverId),
  };
}

/** DELETE /v1/sessions/{id}: released when not ended yet (even if timed out), ending it now. */
export function expectRelease(
  m: Model,
  s: ModelSession,
): { code: string | null; released: boolean; effect: Effect } {
  if (m.revoked.has(s.user)) return { code: 'KEY_REVOKED', released: false, effect: () => {} };
  return {
    code: null,
    released: s.endedAt === null,
    effect: (x) => void endSessions(x, (y) => y.serverId === s.serverId),
  };
}

/** R23: removing a machine ID ends its activations and sessions of the product; offline stays (R5). */
export function expectRemoveMachine(m: Model, p: ProductName, machine: string): Result<Effect> {
  const d = decideRemoval('owner', {
    kind: 'machine',
    registered: activatedMachines(m, p).includes(machine),
    offline: offlineMachines(m, p).includes(machine),
  });
  if (!d.ok) return d;
  return ok((x) => {
    deactivateKeys(x, (k) => k.startsWith(`${p}|`) && k.endsWith(`|${machine}`), 'MACHINE_REMOVED');
    endSessions(x, (s) => s.product === p && s.machine === machine, 'MACHINE_REMOVED');
  });
}
