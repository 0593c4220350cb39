// The app menu's "Install Command-Line Tool…" (like VS Code's Shell Command): puts a `tessera`
// launcher for the CLI bundle shipped in the app on the PATH and tells the user where it went.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { createCliInstaller } from '../adapters/cli-installer';

/** The CLI bundle in the packaged app: unpacked beside app.asar (electron-builder.yml asarUnpack), so Node can read it. */
export const shippedCliScript = (mainDir: string): string =>
  app.isPackaged
    ? join(process.resourcesPath, 'app.asar.unpacked', 'dist', 'cli', 'tessera.mjs')
    : join(mainDir, '..', 'cli', 'tessera.mjs');

/** Installs the launcher and reports the outcome in a message box. */
export const installCommandLineTool = async (mainDir: string, env: NodeJS.ProcessEnv): Promise<void> => {
  const installer = createCliInstaller(process.platform, { home: homedir(), env });
  const result = await installer.install({ script: shippedCliScript(mainDir) });
  await dialog.showMessageBox({
    type: result.ok ? 'info' : 'error',
    message: result.ok
      ? `Installed the tessera command at ${result.value.path}.`
      : 'The tessera command was not installed.',
    detail: result.ok ? result.value.note : result.error.message,
  });
};

/** The application menu: the platform's usual roles plus the install item. */
export const installAppMenu = (mainDir: string, env: NodeJS.ProcessEnv): void => {
  const install: MenuItemConstructorOptions = {
    label: 'Install Command-Line Tool…',
    click: () => void installCommandLineTool(mainDir, env),
  };
  const template: MenuItemConstructorOptions[] = [
    { label: app.name, submenu: [install, { type: 'separator' }, { role: 'quit' }] },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
};
