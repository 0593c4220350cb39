import { isRemovalCode } from '../../shared/domain/removal';
import { fail, ok, type Failure, type Result } from '../../shared/result';
import type { StoredSession } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';
import { checkOutSession, forgetSession, saveSession } from './session-checkout';
import { recordContact } from './server-contact';
import { serverAccess } from './server-access';
import { shouldCheckOutAgain } from './session-recovery';

/** Holds sessions on the server: checkout, heartbeats at the server's interval, release on quit. */
export interface SessionManager {
  /** Checks out a session; TrueTest (R3) names the application under test. */
  start(productId: string, applicationId?: string): Promise<Result<StoredSession>>;
  /** Releases one session, or every session of the product held in this data folder. */
  stop(productId: string, sessionId?: string): Promise<Result<{ released: number }>>;
  /** One heartbeat now (also what the timer runs); recovers or reports an ended session. */
  beat(sessionId: string): Promise<Result<StoredSession>>;
  /** Starts heartbeats for sessions already in the store (app restart, per-User activation). */
  resume(): Promise<void>;
  /** Releases every session this process holds (quit, signals). */
  stopAll(): Promise<void>;
}

/** Forgets the product's lease after a removal ended its use; the stored note tells status why. */
const dropLease = (deps: AgentDeps, productId: string) =>
  deps.store.update((state) => {
    delete state.leases[productId];
    return ok({ state, value: undefined });
  });

const GONE: ReadonlySet<string> = new Set(['SESSION_ENDED', 'SESSION_NOT_FOUND', 'NOT_FOUND']);

/** Creates the manager; timers are unref'd so they never keep a process alive on their own. */
export const createSessionManager = (
  deps: AgentDeps,
  onLost: (productId: string, reason: Failure['error']) => void = () => undefined,
): SessionManager => {
  const timers = new Map<string, NodeJS.Timeout>();

  const unschedule = (sessionId: string) => {
    clearInterval(timers.get(sessionId));
    timers.delete(sessionId);
  };
  const schedule = (session: StoredSession) => {
    unschedule(session.sessionId);
    const timer = setInterval(
      () => void manager.beat(session.sessionId),
      session.heartbeatIntervalSeconds * 1000,
    );
    timer.unref();
    timers.set(session.sessionId, timer);
  };

  const manager: SessionManager = {
    start: async (productId, applicationId) => {
      const started = await checkOutSession(deps, productId, false, applicationId);
      if (started.ok) schedule(started.value);
      deps.events.changed();
      return started;
    },
    stop: async (productId, sessionId) => {
      const loaded = await deps.store.load();
      if (!loaded.ok) return loaded;
      const held = Object.values(loaded.value.sessions).filter(
        (session) =>
          session.productId === productId && (sessionId === undefined || session.sessionId === sessionId),
      );
      // A session this process checked out is released even if its record was lost from the store.
      if (sessionId !== undefined && held.length === 0) {
        held.push({
          sessionId,
          productId,
          serverOrigin: '',
          heartbeatIntervalSeconds: 60,
          startedAt: 0,
          lastHeartbeatAt: 0,
        });
      }
      let released = 0;
      for (const session of held) {
        unschedule(session.sessionId);
        const access = await serverAccess(deps);
        const answer = access.ok
          ? await access.value.client.release(access.value.apiKey, session.sessionId)
          : access;
        if (!answer.ok && !GONE.has(answer.error.code)) return answer;
        await forgetSession(deps, session);
        released += answer.ok ? 1 : 0;
      }
      deps.events.changed();
      return ok({ released });
    },
    beat: async (sessionId) => {
      const loaded = await deps.store.load();
      if (!loaded.ok) return loaded;
      const session = loaded.value.sessions[sessionId];
      if (!session) {
        unschedule(sessionId);
        return fail('SESSION_NOT_FOUND', 'This session is no longer held on this machine.');
      }
      const access = await serverAccess(deps);
      if (!access.ok) return access;
      const answer = await access.value.client.heartbeat(access.value.apiKey, session.sessionId);
      await recordContact(deps, answer);
      if (answer.ok) return saveSession(deps, { ...session, lastHeartbeatAt: deps.now() });
      if (!shouldCheckOutAgain(answer)) {
        const removed = isRemovalCode(answer.error.code);
        if (GONE.has(answer.error.code) || removed) {
          unschedule(sessionId);
          await forgetSession(deps, session, answer.error);
          // R23: a removed seat, member, machine or revoked key ends use now, not at the lease's end.
          if (removed) await dropLease(deps, session.productId);
          onLost(session.productId, answer.error);
          deps.events.changed();
        }
        return answer;
      }
      unschedule(sessionId);
      await forgetSession(deps, session);
      const again = await checkOutSession(
        deps,
        session.productId,
        session.ownerPid === undefined && loaded.value.leases[session.productId] !== undefined,
        session.applicationId,
      );
      if (again.ok) schedule(again.value);
      else {
        await forgetSession(deps, session, again.error);
        onLost(session.productId, again.error);
      }
      deps.events.changed();
      return again;
    },
    resume: async () => {
      const loaded = await deps.store.load();
      if (!loaded.ok) return;
      const held = loaded.value.sessions;
      for (const sessionId of [...timers.keys()]) if (!held[sessionId]) unschedule(sessionId);
      for (const session of Object.values(held)) if (!timers.has(session.sessionId)) schedule(session);
    },
    stopAll: async () => {
      const loaded = await deps.store.load();
      if (!loaded.ok) return;
      for (const sessionId of [...timers.keys()]) {
        const session = loaded.value.sessions[sessionId];
        if (session) await manager.stop(session.productId, sessionId);
        else unschedule(sessionId);
      }
    },
  };
  return manager;
};
