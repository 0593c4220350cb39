// "Install command-line tool" (like VS Code's `code`): one adapter per OS puts a launcher for the app's
// CLI bundle where that OS's shells look for commands.
import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { fail, ok, type Result } from '../../shared/result';
import { posixLauncher, windowsLauncher, type LauncherTarget } from './cli-launcher';
import { mainLog } from './error-log';

/** Where the launcher went, whether the PATH already finds it, and what the user should know. */
export interface CliInstallResult {
  readonly path: string;
  readonly onPath: boolean;
  readonly note: string;
}

/** Puts the `tessera` launcher on the PATH for this OS. */
export interface CliInstaller {
  install(target: LauncherTarget): Promise<Result<CliInstallResult>>;
}

/** What the adapters read of the machine; injectable so a test installs into a temporary HOME. */
export interface InstallerEnv {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  /** Runs a program (Windows: adds the folder to the user PATH); defaults to execFile. */
  readonly run?: (file: string, args: readonly string[]) => Promise<unknown>;
}

const onPath = (dir: string, env: NodeJS.ProcessEnv): boolean =>
  (env.PATH ?? env.Path ?? '').split(delimiter).includes(dir);

const writable = (dir: string): Promise<boolean> =>
  access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );

const write = async (dir: string, name: string, text: string, mode: number) => {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), text, { mode });
    await chmod(join(dir, name), mode);
    return ok(join(dir, name));
  } catch (error) {
    mainLog().error({ err: error, dir }, 'The command-line tool could not be installed');
    return fail(
      'FILE_UNREADABLE',
      `The tessera command could not be written to ${dir}; check that folder's permissions.`,
    );
  }
};

/** Linux: ~/.local/bin/tessera (the XDG user bin folder, no administrator rights needed). */
const posixInstaller = (dirs: (e: InstallerEnv) => Promise<string>, e: InstallerEnv): CliInstaller => ({
  async install(target) {
    const dir = await dirs(e);
    const written = await write(dir, 'tessera', posixLauncher(target), 0o755);
    if (!written.ok) return written;
    const found = onPath(dir, e.env);
    return ok({
      path: written.value,
      onPath: found,
      note: found
        ? 'Open a new terminal and run `tessera --help`.'
        : `Add ${dir} to your PATH (e.g. in ~/.profile), then open a new terminal and run \`tessera --help\`.`,
    });
  },
});

/** Windows: %LOCALAPPDATA%\Tessera\bin\tessera.cmd, the folder added to the user PATH. */
const windowsInstaller = (e: InstallerEnv): CliInstaller => ({
  async install(target) {
    const dir = join(e.env.LOCALAPPDATA ?? join(e.home, 'AppData', 'Local'), 'Tessera', 'bin');
    const written = await write(dir, 'tessera.cmd', windowsLauncher(target), 0o644);
    if (!written.ok) return written;
    let found = onPath(dir, e.env);
    if (!found) {
      const run = e.run ?? promisify(execFile);
      const script = `$p=[Environment]::GetEnvironmentVariable('Path','User'); if (-not ($p -split ';' -contains '${dir}')) { [Environment]::SetEnvironmentVariable('Path', ($p.TrimEnd(';') + ';${dir}').TrimStart(';'), 'User') }`;
      found = await run('powershell.exe', ['-NoProfile', '-Command', script]).then(
        () => true,
        (error: unknown) => {
          mainLog().warn({ err: error }, 'The user PATH could not be changed');
          return false;
        },
      );
    }
    return ok({
      path: written.value,
      onPath: found,
      note: found
        ? 'Open a new terminal and run `tessera --help`.'
        : `Add ${dir} to your user PATH, then open a new terminal and run \`tessera --help\`.`,
    });
  },
});

/** The installer for `platform`: macOS prefers /usr/local/bin (as VS Code), else ~/.local/bin like Linux. */
export const createCliInstaller = (platform: NodeJS.Platform, e: InstallerEnv): CliInstaller => {
  if (platform === 'win32') return windowsInstaller(e);
  if (platform === 'darwin')
    return posixInstaller(
      async (x) => ((await writable('/usr/local/bin')) ? '/usr/local/bin' : join(x.home, '.local', 'bin')),
      e,
    );
  return posixInstaller(async (x) => join(x.home, '.local', 'bin'), e);
};
