// The small launcher "Install command-line tool" puts on the PATH: it runs the CLI bundle shipped in the
// app with a Node 20.19+ of the machine (the packaged Electron cannot run as Node: runAsNode fuse off).

/** What the launcher runs: the bundle's absolute path. */
export interface LauncherTarget {
  readonly script: string;
}

const quotePosix = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A POSIX shell launcher (Linux, macOS): finds node, says so in one sentence when there is none. */
export const posixLauncher = ({ script }: LauncherTarget): string =>
  [
    '#!/bin/sh',
    '# Written by Tessera (Install command-line tool); runs the tessera CLI shipped inside the app.',
    'if ! command -v node >/dev/null 2>&1; then',
    "  echo 'tessera: this command needs Node.js 20.19 or later on the PATH (or install the tessera npm package).' >&2",
    '  exit 1',
    'fi',
    `exec node ${quotePosix(script)} "$@"`,
    '',
  ].join('\n');

/** A Windows .cmd launcher with the same behaviour. */
export const windowsLauncher = ({ script }: LauncherTarget): string =>
  [
    '@echo off',
    'rem Written by Tessera (Install command-line tool); runs the tessera CLI shipped inside the app.',
    'where node >nul 2>nul || (echo tessera: this command needs Node.js 20.19 or later on the PATH. 1>&2 & exit /b 1)',
    `node "${script.replace(/"/g, '')}" %*`,
    '',
  ].join('\r\n');
