// An agent for glue tests: every contract method records its payload and answers with it, and the
// status event can be fired by hand. Built from the contract lists, like the preload.
import { vi } from 'vitest';
import { ok } from '../../../shared/result';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  eventMethodOf,
  methodOf,
  type AgentBridge,
} from '../../../shared/contracts/ipc';

/** The recording agent plus handles to its calls and listeners. */
export interface RecordingAgent {
  readonly agent: AgentBridge & { dispose: () => Promise<void> };
  readonly calls: { method: string; payload: unknown }[];
  readonly emit: (event: string, payload: unknown) => void;
  readonly dispose: ReturnType<typeof vi.fn>;
}

/** Creates a recording agent; `throwOn` makes one method throw, to test the INTERNAL path. */
export const recordingAgent = (throwOn?: string): RecordingAgent => {
  const calls: { method: string; payload: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const dispose = vi.fn(() => Promise.resolve());
  const target: Record<string, unknown> = { dispose };
  for (const channel of IPC_CHANNELS) {
    const method = methodOf(channel);
    target[method] = (payload: unknown) => {
      calls.push({ method, payload });
      if (method === throwOn) throw new Error('boom with a secret tsk_abc');
      return Promise.resolve(ok({ echoed: payload }));
    };
  }
  for (const event of IPC_EVENTS) {
    const set = new Set<(payload: unknown) => void>();
    listeners.set(event, set);
    target[eventMethodOf(event)] = (listener: (payload: unknown) => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  const emit = (event: string, payload: unknown): void =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return { agent: target as RecordingAgent['agent'], calls, emit, dispose };
};
