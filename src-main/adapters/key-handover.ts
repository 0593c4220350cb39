// A member's new API key goes from main straight to the admin, never through the renderer, a log or
// a file (SECURITY.md "Steal the API key through IPC"). In the desktop app it is a native message box
// (src-main/electron/desktop-deps.ts binds Electron's dialog and clipboard); headless agents inject their own.

/** A member's new API key on its way to the admin who must pass it on; held only for the call. */
export interface NewMemberKey {
  /** Names the member in the window (the add's answer, or the e-mail the reissue was asked for). */
  readonly email: string;
  readonly apiKey: string;
}

/** Shows a member's new key to the admin outside the renderer; resolves once the admin is done with it. */
export interface KeyHandover {
  handOver(key: NewMemberKey): Promise<void>;
}

/** A native message box: the button the admin pressed (Electron's dialog.showMessageBox, bound to a window). */
export type ShowMessageBox = (options: {
  type: 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}) => Promise<{ response: number }>;

/** The ports the message-box handover needs: a box to show and a clipboard to write the key to. */
export interface MessageBoxPorts {
  readonly showMessageBox: ShowMessageBox;
  readonly copyToClipboard: (text: string) => void;
}

const COPY = 0;
const DONE = 1;

/**
 * The desktop handover: a message box with the key, "Copy to clipboard" and "Done". Copying writes
 * the key to the clipboard and shows the box again (saying so) until the admin presses Done or closes it.
 */
export const messageBoxKeyHandover = (ports: MessageBoxPorts): KeyHandover => ({
  handOver: async ({ email, apiKey }) => {
    let copied = false;
    for (;;) {
      const { response } = await ports.showMessageBox({
        type: 'info',
        title: 'New API key',
        message: `The new API key of ${email}`,
        detail: [
          apiKey,
          '',
          'Give it to them now over a channel only they can read: it is shown only this once and Tessera keeps it nowhere. Their earlier keys no longer work; if it is lost, reissue another one.',
          ...(copied ? ['', 'Copied to the clipboard.'] : []),
        ].join('\n'),
        buttons: ['Copy to clipboard', 'Done'],
        defaultId: DONE,
        cancelId: DONE,
        noLink: true,
      });
      if (response !== COPY) return;
      ports.copyToClipboard(apiKey);
      copied = true;
    }
  },
});
