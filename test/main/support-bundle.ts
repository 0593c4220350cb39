import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliProcess } from './support-cli';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled CLI users run (`bin.tessera`). */
export const CLI_BUNDLE = fileURLToPath(new URL('../../dist/cli/tessera.mjs', import.meta.url));

/** Builds the CLI and server bundles when stale (scripts/bundle.mjs), as `npm run tessera` does. */
export const buildBundles = (): void => {
  execFileSync(process.execPath, ['scripts/bundle.mjs', 'cli', 'server'], { cwd: ROOT, stdio: 'pipe' });
};

/** Starts `command[0] command[1…]` with collected output: the bundled CLI, or npm running it. */
export const spawnCollected = (command: string[], env: NodeJS.ProcessEnv, stdin = ''): CliProcess => {
  const [file = process.execPath, ...args] = command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(stdin);
  const run = { process: child, stdout: '', stderr: '', exited: Promise.resolve(0) };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  run.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return run;
};

/** True while a process with this id exists. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
