// Forwards the agent's pushes (status changes) to the window on the contract's event channels.
import type { WebContents } from 'electron';
import { IPC_EVENTS, eventMethodOf, type AgentEvents } from '../../shared/contracts/ipc';

type Subscribe = (listener: (payload: unknown) => void) => () => void;

/** Subscribes to every contract event and sends it to the live window; returns the unsubscribe. */
export const setupEventForwarding = (
  events: AgentEvents,
  getContents: () => WebContents | null,
): (() => void) => {
  const unsubscribers = IPC_EVENTS.map((event) => {
    const subscribe = events[eventMethodOf(event)] as Subscribe;
    return subscribe.call(events, (payload) => {
      const contents = getContents();
      if (contents && !contents.isDestroyed()) contents.send(event, payload);
    });
  });
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
};
