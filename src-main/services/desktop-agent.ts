import { ok, type Result } from '../../shared/result';
import type { AgentBridge } from '../../shared/contracts/ipc';
import { createAgentApi, useEmbeddedServer, type EmbeddedServerHandle } from './agent-api';
import { createAgentDeps, type AgentOptions } from './create-agent-deps';
import { startLeaseRefresher } from './lease-refresher';
import type { AgentDeps } from './agent-deps';
import { createSessionManager } from './session-service';
import { recordObservedTime } from './observed-time';

/** Re-probes the hardware now and then (unref'd timer); a changed machine ID is pushed as a status change. */
export const startHardwareRecheck = (deps: AgentDeps, everyMs = 30 * 60_000): (() => void) => {
  const timer = setInterval(() => {
    void deps.probe.recheck().then((result) => {
      if (result.ok && result.value.changed) deps.events.changed();
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
};

/** The agent as a long-running app holds it: the contract plus a dispose that releases sessions and timers. */
export type RunningAgent = AgentBridge & { dispose: () => Promise<void> };

/**
 * Builds the real agent for the desktop app (and the e2e binding): services, background lease refresh,
 * resumed heartbeats, and the embedded server used when the user chose it.
 */
export const createDesktopAgent = async (
  options: AgentOptions & { embeddedServer?: EmbeddedServerHandle } = {},
): Promise<Result<RunningAgent>> => {
  const deps = await createAgentDeps(options);
  if (!deps.ok) return deps;
  if (deps.value.serverMode() === 'embedded' && options.embeddedServer)
    await useEmbeddedServer(deps.value, options.embeddedServer);
  const loaded = await deps.value.store.load();
  if (loaded.ok) await recordObservedTime(deps.value, loaded.value.lastTrustedTime);
  const sessions = createSessionManager(deps.value);
  await sessions.resume();
  const stopRefresh = startLeaseRefresher(deps.value, undefined, () => sessions.resume());
  const stopRecheck = startHardwareRecheck(deps.value);
  const api = createAgentApi(deps.value, sessions, options.embeddedServer);
  return ok({
    ...api,
    dispose: async () => {
      stopRefresh();
      stopRecheck();
      await sessions.stopAll();
    },
  });
};
