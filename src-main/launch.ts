// `npm start` (bundled to dist/launch.mjs): builds the renderer and the main bundle when stale, then runs the desktop app under Electron.
// Where the Electron binary is absent (as on CI and headless servers) it explains that in one
// paragraph, names the headless tools, and exits non-zero: no stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hasErrorCode } from './adapters/error-log';

/** Exit code when the app cannot be launched at all (no binary, or the build failed). */
export const EXIT_CANNOT_LAUNCH = 1;

/** The one paragraph shown when Electron's binary is missing. */
export const ELECTRON_MISSING_MESSAGE = [
  'Tessera cannot open its desktop window because the Electron runtime is not installed on this machine',
  '(the electron package is present but its binary was not downloaded, e.g. ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
  'Everything the window does also works headless: run `npm run tessera -- --help` for the agent',
  '(machine ID, login, activate, status, offline import, sessions) and `npm run server` for the license server.',
  'To get the window, run `npm rebuild electron` on a machine that can download the Electron binary, then `npm start` again.',
].join(' ');

/** The project root: package.json's "main" points Electron at dist/main/main.js from here. */
export const projectRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the Electron executable, or null when the package has no usable binary. */
export const findElectronBinary = (): string | null => {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch (error) {
    // No electron package, or one without its binary (its index.js throws "failed to install correctly").
    if (
      hasErrorCode(error, 'MODULE_NOT_FOUND') ||
      (error instanceof Error && /failed to install/i.test(error.message))
    )
      return null;
    throw error;
  }
};

// Rebuilds the renderer and the main/preload bundles only when a source is newer (scripts/bundle.mjs).
const runBuild = (root: string): boolean =>
  spawnSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), 'desktop'], {
    cwd: root,
    stdio: 'inherit',
  }).status === 0;

/** Runs `npm start`; `--no-build` reuses the last build. Resolves to the process exit code. */
export const launch = async (args: readonly string[]): Promise<number> => {
  const electron = findElectronBinary();
  if (electron === null) {
    process.stderr.write(`${ELECTRON_MISSING_MESSAGE}\n`);
    return EXIT_CANNOT_LAUNCH;
  }
  const root = projectRoot();
  if (!args.includes('--no-build') && !runBuild(root)) {
    process.stderr.write('Tessera was not started because its build failed; the errors are printed above.\n');
    return EXIT_CANNOT_LAUNCH;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => {
    child.once('error', () => {
      process.stderr.write(`${ELECTRON_MISSING_MESSAGE}\n`);
      resolve(EXIT_CANNOT_LAUNCH);
    });
    child.once('exit', (code) => resolve(code ?? EXIT_CANNOT_LAUNCH));
  });
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void launch(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
