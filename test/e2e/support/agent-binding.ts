// Stands in for Electron's IPC only: the page's `window.agent` calls reach the real agent through
// dispatchIpc (the same validation the ipcMain handlers run), and status pushes flow back.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { IPC_EVENTS, eventMethodOf, type AgentBridge } from '../../../shared/contracts/ipc';
import { dispatchIpc } from '../../../shared/contracts/ipc-dispatch';

let bundled: Promise<string> | undefined;

/** The init script: bridge-entry.ts bundled for the browser once per run. */
function bridgeScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./bridge-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).then((out) => out.outputFiles[0]?.text ?? '');
  return bundled;
}

type Subscribe = (listener: (payload: unknown) => void) => () => void;

/** Binds `window.agent` in `page` to `agent`; returns the unsubscribe for the event forwarding. */
export async function bindAgent(page: Page, agent: AgentBridge): Promise<() => void> {
  await page.exposeBinding('__tesseraInvoke', (_source, channel: unknown, payload: unknown) =>
    dispatchIpc(agent, channel, payload),
  );
  await page.addInitScript({ content: await bridgeScript() });
  const unsubscribers = IPC_EVENTS.map((event) =>
    (agent[eventMethodOf(event)] as Subscribe)((payload) => {
      void page
        .evaluate(
          ([channel, body]) =>
            (window as unknown as { __tesseraEmit?: (c: string, p: unknown) => void }).__tesseraEmit?.(
              channel,
              body,
            ),
          [event, payload] as const,
        )
        .catch(() => undefined);
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
