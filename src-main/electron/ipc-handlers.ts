// Registers one ipcMain handler per contract channel. The sender is checked before anything runs,
// then dispatchIpc validates the payload and turns any throw into a result: nothing is ever thrown.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/result';
import { IPC_CHANNELS, type AgentApi } from '../../shared/contracts/ipc';
import { dispatchIpc } from '../../shared/contracts/ipc-dispatch';
import { SILENT_LOG, type MainLog } from './embedded-server';
import { isAppRendererUrl } from './trusted-url';

/** Decides whether an IPC call comes from the app's own window and page. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Trusts only the main frame of the app window, showing the app's own renderer URL. */
export const createSenderCheck =
  (getWindow: () => BrowserWindow | null, rendererUrl: string): SenderCheck =>
  (event) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isAppRendererUrl(frame.url, rendererUrl);
  };

/** Registers every contract channel; returns a function that removes them all again. */
export const setupIpcHandlers = (
  ipcMain: IpcMain,
  agent: AgentApi,
  isTrustedSender: SenderCheck,
  log: MainLog = SILENT_LOG,
): (() => void) => {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return fail(
          'UNTRUSTED_SENDER',
          'This request did not come from the Tessera window, so it was ignored.',
        );
      }
      return dispatchIpc(agent, channel, payload, (failure) =>
        log.error({ err: failure.error, channel: failure.channel }, 'An IPC call failed unexpectedly'),
      );
    });
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
};
