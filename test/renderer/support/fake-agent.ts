// The one place a fake is right: UI logic tests need a `window.agent` that answers on cue.
import { vi, type Mock } from 'vitest';
import {
  IPC_CHANNELS,
  methodOf,
  type AgentApi,
  type AgentBridge,
  type IpcEventPayload,
} from '../../../shared/contracts/ipc';
import { fail, ok } from '../../../shared/result';

type Methods = { [K in keyof AgentApi]: Mock<AgentApi[K]> };

/** A bridge whose every method is a spy; unset methods refuse with NOT_FOUND so a test notices. */
export interface FakeAgent {
  readonly bridge: AgentBridge;
  readonly calls: Methods;
  /** Pushes a status event as main would. */
  emitStatus(status: IpcEventPayload<'license:status-changed'>): void;
}

/** Builds the fake from per-method answers and installs it as `window.agent`. */
export function installFakeAgent(answers: Partial<AgentApi> = {}): FakeAgent {
  const listeners = new Set<(s: IpcEventPayload<'license:status-changed'>) => void>();
  const calls = Object.fromEntries(
    IPC_CHANNELS.map((channel) => {
      const name = methodOf(channel);
      const answer = answers[name] as ((p: unknown) => unknown) | undefined;
      return [name, vi.fn(answer ?? (async () => fail('NOT_FOUND', `No fake answer for ${channel}.`)))];
    }),
  ) as unknown as Methods;
  const bridge: AgentBridge = {
    ...calls,
    onLicenseStatusChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(window, 'agent', { configurable: true, value: bridge });
  return { bridge, calls, emitStatus: (s) => listeners.forEach((l) => l(s)) };
}

/** Shorthand for a successful answer. */
export const answer =
  <T>(value: T) =>
  async () =>
    ok(value);
