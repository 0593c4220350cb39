import { EventEmitter } from 'node:events';
import type { IpcEventPayload } from '../../shared/contracts/ipc';
import { mainLog } from '../adapters/error-log';

/** The status pushed to the renderer whenever something licensing-related changed. */
export type AgentStatus = IpcEventPayload<'license:status-changed'>;

/** Subscribe/notify for status changes; the Electron glue forwards them to `license:status-changed`. */
export interface StatusEvents {
  subscribe(listener: (status: AgentStatus) => void): () => void;
  /** Asks for a fresh status to be computed and pushed (debounced by the producer). */
  changed(): void;
}

/** An EventEmitter-backed implementation; `compute` builds the status from local state. */
export const createStatusEvents = (): StatusEvents & {
  setProducer(compute: () => Promise<AgentStatus>): void;
} => {
  const emitter = new EventEmitter();
  let producer: (() => Promise<AgentStatus>) | undefined;
  let pending: Promise<void> | undefined;
  return {
    subscribe: (listener) => {
      emitter.on('status', listener);
      return () => emitter.off('status', listener);
    },
    changed: () => {
      if (!producer || emitter.listenerCount('status') === 0 || pending) return;
      const compute = producer;
      pending = (async () => {
        await Promise.resolve();
        pending = undefined;
        emitter.emit('status', await compute());
      })().catch((error: unknown) => {
        // The window keeps the last status it had; the next change computes it again.
        pending = undefined;
        mainLog().error({ err: error }, 'The status could not be computed for the window');
      });
    },
    setProducer: (compute) => {
      producer = compute;
    },
  };
};
